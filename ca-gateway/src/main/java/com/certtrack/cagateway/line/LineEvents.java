package com.certtrack.cagateway.line;

import com.certtrack.cagateway.ca.CaCertificate;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.polling.PollSchedule;
import com.certtrack.cagateway.secrets.SecretSealing;
import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a line's events to the outbox in the caller's transaction, and keeps the line's status, snapshot and
 * polling schedule in step with what was published: a status event goes out only when something changed.
 */
@ApplicationScoped
public class LineEvents {

    private final Outbox outbox;
    private final PollSchedule schedule;

    public LineEvents(Outbox outbox, PollSchedule schedule) {
        this.outbox = outbox;
        this.schedule = schedule;
    }

    public void submitted(CaLine line, CaOrder order, String sealedCaReference) {
        outbox.append(
                Topics.CA_ORDERS,
                CaOrderSubmitted.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        line.product,
                        order.caOrderId(),
                        line.caReferenceHash,
                        sealedCaReference,
                        order.status(),
                        order.domains()));
        if (order.certificate() != null) {
            // Issued at once: the certificate travels in a status change, as for any later issuance.
            line.caStatus = CaOrderStatus.SUBMITTED;
            line.snapshot = null;
            observed(line, order, null);
        } else {
            line.caStatus = order.status();
            line.snapshot = snapshotOf(order, null);
        }
        schedule.pollSoon(line);
    }

    public void provisioned(
            CaLine line,
            SecretSealing.Reference reference,
            String eabKeyId,
            String sealedHmacKey,
            String directoryUrl,
            Instant revealableUntil) {
        outbox.append(
                Topics.CAAS,
                CaasProvisioned.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        reference.hash(),
                        reference.sealed(),
                        eabKeyId,
                        sealedHmacKey,
                        directoryUrl,
                        line.orderedAt,
                        revealableUntil));
    }

    /** @return true if the CA's answer differed from what was last published (and so was published now) */
    public boolean observed(CaLine line, CaOrder order, String reason) {
        String snapshot = snapshotOf(order, reason);
        if (snapshot.equals(line.snapshot)) {
            return false;
        }
        publish(line, order, reason, snapshot);
        return true;
    }

    /**
     * Publishes the CA's answer to a DCV action even when no status changed: a re-check's result or a resent e-mail
     * shows only in the domains' instructions.
     */
    public void announced(CaLine line, CaOrder order) {
        publish(line, order, null, snapshotOf(order, null));
    }

    public void certificateRevoked(CaLine line, CaCertificate certificate, RevocationReason requested) {
        RevocationReason reason = certificate.revocationReason() != null ? certificate.revocationReason() : requested;
        outbox.append(
                Topics.CA_ORDERS,
                CertificateRevoked.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        line.caReferenceHash,
                        certificate.serialNumber(),
                        reason,
                        certificate.revokedAt()));
    }

    public void commandRejected(CaLine line, UUID commandEventId, String commandType, String reason) {
        outbox.append(
                Topics.CA_ORDERS,
                CaCommandRejected.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        commandEventId,
                        commandType,
                        reason));
    }

    private void publish(CaLine line, CaOrder order, String reason, String snapshot) {
        CaOrderStatus previous = line.caStatus;
        line.caStatus = order.status();
        line.snapshot = snapshot;
        outbox.append(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        line.caOrderId,
                        line.caReferenceHash,
                        order.status(),
                        previous,
                        order.domains(),
                        order.certificate(),
                        reason != null ? reason : order.rejectionReason()));
    }

    public void checked(CaLine line) {
        outbox.append(
                Topics.CA_ORDERS,
                CaOrderChecked.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        line.caReferenceHash,
                        line.caStatus,
                        line.lastPolledAt));
    }

    public void rejectedAtSubmission(CaLine line, String reason) {
        line.nextPollAt = null;
        outbox.append(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber,
                        line.lineId,
                        null,
                        null,
                        CaOrderStatus.REJECTED,
                        null,
                        List.of(),
                        null,
                        reason));
    }

    static String snapshotOf(CaOrder order, String reason) {
        // The method and expected value too: a DCV method change keeps the status PENDING but changes what to publish.
        String domains = order.domains().stream()
                .map(d -> d.name() + ":" + d.dcvMethod() + ":" + d.dcvStatus() + ":" + d.dcvValue())
                .collect(Collectors.joining(","));
        String serial = order.certificate() == null ? "" : order.certificate().serialNumber();
        return order.status() + "|" + domains + "|" + serial + "|" + (reason == null ? "" : reason);
    }
}

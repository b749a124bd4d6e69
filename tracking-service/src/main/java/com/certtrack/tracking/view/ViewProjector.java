package com.certtrack.tracking.view;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaIntermediatesPublished;
import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import com.certtrack.tracking.actions.CommandProjection;
import com.certtrack.tracking.lineage.LineageProjection;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.reminders.ReminderDays;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Applies events to the view. Events of one order arrive on three topics in any relative order and may be
 * delivered twice, so every change is idempotent (ledger) and order-independent: the CA's status, domains and
 * certificate are taken from the newest event by {@code occurredAt}; order facts fill their own columns.
 */
@ApplicationScoped
public class ViewProjector {

    public static final String CONSUMER = "tracking-service.view";

    private final EntityManager em;
    private final EventLedger ledger;
    private final ObjectMapper json;
    private final Event<ViewChanged> changed;
    private final CustomerKey customerKey;
    private final LineageProjection lineage;
    private final CommandProjection commands;

    public ViewProjector(
            EntityManager em,
            EventLedger ledger,
            ObjectMapper json,
            Event<ViewChanged> changed,
            CustomerKey customerKey,
            LineageProjection lineage,
            CommandProjection commands) {
        this.customerKey = customerKey;
        this.lineage = lineage;
        this.commands = commands;
        this.em = em;
        this.ledger = ledger;
        this.json = json;
        this.changed = changed;
    }

    @Transactional
    public void apply(CertTrackEvent event) {
        if (!ledger.firstDelivery(event.eventId(), CONSUMER)) {
            return;
        }
        if (event instanceof OrderPlaced placed) {
            placed.lines().forEach(line -> orderLine(placed, line));
        } else if (event instanceof CaOrderSubmitted submitted) {
            submitted(submitted);
        } else if (event instanceof CaOrderStatusChanged change) {
            statusChanged(change);
        } else if (event instanceof CaOrderChecked checked) {
            checked(checked);
        } else if (event instanceof CaasProvisioned provisioned) {
            provisioned(provisioned);
        } else if (event instanceof CertificateRevoked revoked) {
            certificateRevoked(revoked);
        } else if (event instanceof CaCommandRejected rejected) {
            commandRejected(rejected);
        } else if (event instanceof DcvActionRequested dcv) {
            commandRequested(dcv.lineId(), dcv);
        } else if (event instanceof CancelRequested cancel) {
            commandRequested(cancel.lineId(), cancel);
        } else if (event instanceof RevokeRequested revoke) {
            commandRequested(revoke.lineId(), revoke);
        } else if (event instanceof ReminderSettingsChanged reminders) {
            remindersChanged(reminders);
        } else if (event instanceof ReissueRequested reissue) {
            reissueRequested(reissue);
        } else if (event instanceof CaIntermediatesPublished published) {
            intermediatesPublished(published);
        }
    }

    private void certificateRevoked(CertificateRevoked event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        index(line, event.caReferenceHash());
        if (event.serialNumber() == null) {
            throw new PoisonEventException("CertificateRevoked of line " + line.lineId + " without serialNumber");
        }
        commands.revoked(line, event, lineage.revoked(event));
        touched(line);
    }

    private void commandRejected(CaCommandRejected event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        commands.rejected(line, event);
        touched(line);
    }

    private void commandRequested(String lineId, CertTrackEvent command) {
        TrackedLine line = line(lineId, command.orderNumber());
        commands.requested(line, command);
        touched(line);
    }

    private void remindersChanged(ReminderSettingsChanged event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        if (line.reminderDaysAt == null || !event.occurredAt().isBefore(line.reminderDaysAt)) {
            line.reminderDays = ReminderDays.format(event.reminderDays() == null ? List.of() : event.reminderDays());
            line.reminderDaysAt = event.occurredAt();
        }
        touched(line);
    }

    private void orderLine(OrderPlaced order, OrderPlaced.Line ordered) {
        TrackedLine line = line(ordered.lineId(), order.orderNumber());
        line.orderedAt = order.occurredAt();
        if (line.product == null && ordered.product() != null) {
            line.product = ordered.product().name();
        }
        line.requestedDomains = ordered.domains() == null ? null : String.join(",", ordered.domains());
        line.requestedDcvMethod =
                ordered.dcvMethod() == null ? null : ordered.dcvMethod().name();
        line.customerKey = customerKey.of(order.customer().email());
        line.renewalOf = ordered.renewalOf();
        line.csrAwaited = ordered.product() != Product.CAAS
                && (ordered.csrPem() == null || ordered.csrPem().isBlank());
        touched(line);
    }

    /** A CSR for a line that has no certificate yet is the awaited one; a reissue is recorded by its service. */
    private void reissueRequested(ReissueRequested event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        if (!line.hasCertificate()) {
            line.csrSubmittedAt = event.occurredAt();
            touched(line);
        }
    }

    private void submitted(CaOrderSubmitted event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        index(line, event.caReferenceHash());
        if (event.product() != null) {
            line.product = event.product().name();
        }
        if (newer(line, event.occurredAt())) {
            line.status = event.status().name();
            line.statusAt = event.occurredAt();
            setDomains(line, event.domains());
        }
        queried(line, event.occurredAt());
        touched(line);
    }

    private void statusChanged(CaOrderStatusChanged event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        index(line, event.caReferenceHash());
        if (event.certificate() != null) {
            // Every certificate goes into the lineage, also one reported by an event older than the view's status.
            X509Certificate leaf = parse(line, event.certificate()).leaf();
            lineage.issued(
                    line.lineId,
                    leaf.getSerialNumber().toString(16),
                    CertificateChain.sha256(leaf),
                    leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(),
                    event.occurredAt());
        }
        if (newer(line, event.occurredAt())) {
            line.status = event.status().name();
            line.statusAt = event.occurredAt();
            line.reason = event.reason();
            setDomains(line, event.domains());
            if (event.certificate() != null) {
                certificate(line, event.certificate(), event.occurredAt());
            }
        }
        queried(line, event.occurredAt());
        commands.statusChanged(line, event);
        touched(line);
    }

    private void checked(CaOrderChecked event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        index(line, event.caReferenceHash());
        queried(line, event.checkedAt() != null ? event.checkedAt() : event.occurredAt());
        touched(line);
    }

    private void provisioned(CaasProvisioned event) {
        TrackedLine line = line(event.lineId(), event.orderNumber());
        index(line, event.caReferenceHash());
        line.product = Product.CAAS.name();
        if (event.orderedAt() != null) {
            line.orderedAt = event.orderedAt();
        }
        line.eabKeyId = event.eabKeyId();
        line.acmeDirectoryUrl = event.acmeDirectoryUrl();
        line.eabRevealableUntil = event.revealableUntil();
        if (newer(line, event.occurredAt())) {
            line.status = TrackedLine.PROVISIONED;
            line.statusAt = event.occurredAt();
        }
        touched(line);
    }

    private static CertificateChain parse(TrackedLine line, IssuedCertificate certificate) {
        try {
            return CertificateChain.parse(certificate.pemChain());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("line " + line.lineId + ": " + e.getMessage());
        }
    }

    private void certificate(TrackedLine line, IssuedCertificate certificate, Instant reportedAt) {
        CertificateChain chain = parse(line, certificate);
        X509Certificate leaf = chain.leaf();
        String serial = leaf.getSerialNumber().toString(16);
        if (!serial.equals(line.certificateSerial)) {
            line.issuedAt = reportedAt;
        }
        line.certificateSerial = serial;
        line.certificateSha256 = CertificateChain.sha256(leaf);
        line.certificatePemChain = chain.pem();
        line.expiresAt = leaf.getNotAfter().toInstant();
        chain.intermediates().forEach(this::intermediate);
    }

    /** The CA's own word on its intermediates: known before any certificate is issued. */
    private void intermediatesPublished(CaIntermediatesPublished event) {
        for (String pem : event.intermediates()) {
            try {
                CertificateChain.parse(pem).certificates().forEach(this::intermediate);
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("CaIntermediatesPublished " + event.eventId() + ": " + e.getMessage());
            }
        }
    }

    private void intermediate(X509Certificate intermediate) {
        em.createNativeQuery("INSERT INTO intermediate_certificate (sha256, subject, not_after, pem, first_seen_at) "
                        + "VALUES (?1, ?2, ?3, ?4, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, CertificateChain.sha256(intermediate))
                .setParameter(2, intermediate.getSubjectX500Principal().getName())
                .setParameter(3, intermediate.getNotAfter().toInstant())
                .setParameter(4, CertificateChain.pem(intermediate))
                .executeUpdate();
    }

    /** The row of a line, created by whichever event comes first (concurrent consumers: insert-if-absent, lock). */
    private TrackedLine line(String lineId, String orderNumber) {
        if (lineId == null) {
            throw new PoisonEventException("event of order " + orderNumber + " without lineId");
        }
        em.createNativeQuery("INSERT INTO tracked_line (line_id, order_number, updated_at) VALUES (?1, ?2, now()) "
                        + "ON CONFLICT (line_id) DO NOTHING")
                .setParameter(1, lineId)
                .setParameter(2, orderNumber)
                .executeUpdate();
        return em.find(TrackedLine.class, lineId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void index(TrackedLine line, String referenceHash) {
        if (referenceHash != null && !referenceHash.isBlank()) {
            line.referenceHash = referenceHash;
        }
    }

    private static boolean newer(TrackedLine line, Instant occurredAt) {
        return line.statusAt == null || !occurredAt.isBefore(line.statusAt);
    }

    private static void queried(TrackedLine line, Instant at) {
        if (at != null && (line.caLastQueriedAt == null || at.isAfter(line.caLastQueriedAt))) {
            line.caLastQueriedAt = at;
        }
    }

    private void setDomains(TrackedLine line, List<DomainValidation> domains) {
        if (domains == null || domains.isEmpty()) {
            return;
        }
        try {
            line.domains = json.writeValueAsString(domains);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void touched(TrackedLine line) {
        line.updatedAt = Instant.now();
        changed.fire(new ViewChanged(line.lineId));
    }
}

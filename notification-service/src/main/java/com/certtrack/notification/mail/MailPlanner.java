package com.certtrack.notification.mail;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevocationReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decides which e-mails an event calls for. Pure: no I/O, no secret is opened here. */
@ApplicationScoped
public class MailPlanner {

    public List<MailDraft> plan(CertTrackEvent event, String customerName) {
        if (event instanceof OrderPlaced placed) {
            return List.of(confirmation(placed));
        }
        if (event instanceof CaOrderSubmitted submitted) {
            return submitted(submitted, customerName);
        }
        if (event instanceof CaOrderStatusChanged changed) {
            return changed(changed, customerName);
        }
        if (event instanceof CaasProvisioned provisioned) {
            return caas(provisioned, customerName);
        }
        return List.of();
    }

    private static MailDraft confirmation(OrderPlaced placed) {
        List<MailModel.Line> lines = placed.lines() == null
                ? List.of()
                : placed.lines().stream()
                        .map(line -> new MailModel.Line(
                                line.lineId(),
                                name(line.product()),
                                Wording.product(line.product()),
                                line.domains() == null ? List.of() : line.domains(),
                                line.termMonths()))
                        .toList();
        MailModel model = new MailModel(
                placed.orderNumber(),
                placed.customer().name(),
                null,
                null,
                null,
                lines,
                List.of(),
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                Wording.dateTime(placed.occurredAt()),
                null);
        return new MailDraft(MailTemplate.ORDER_CONFIRMATION, null, model, null);
    }

    private static List<MailDraft> submitted(CaOrderSubmitted event, String customerName) {
        MailModel model =
                lineModel(event.orderNumber(), customerName, event.lineId(), event.product(), event.domains(), null);
        List<MailDraft> drafts = new ArrayList<>();
        drafts.add(new MailDraft(MailTemplate.SHIPMENT, event.lineId(), model, event.sealedCaReference()));
        if (event.status() != CaOrderStatus.ISSUED && needsAction(event.domains())) {
            drafts.add(new MailDraft(MailTemplate.VALIDATION_INSTRUCTIONS, event.lineId(), model, null));
        }
        return drafts;
    }

    private static List<MailDraft> changed(CaOrderStatusChanged event, String customerName) {
        MailModel base =
                lineModel(event.orderNumber(), customerName, event.lineId(), null, event.domains(), event.reason());
        CaOrderStatus status = event.status();
        if (status == CaOrderStatus.ISSUED && event.previousStatus() != CaOrderStatus.ISSUED) {
            boolean reissue = event.previousStatus() == CaOrderStatus.REISSUE_PENDING;
            MailModel model = issued(base, event, reissue);
            return List.of(
                    new MailDraft(reissue ? MailTemplate.REISSUED : MailTemplate.ISSUED, event.lineId(), model, null));
        }
        if (status == CaOrderStatus.PENDING_VALIDATION
                && event.previousStatus() != CaOrderStatus.PENDING_VALIDATION
                && needsAction(event.domains())) {
            return List.of(new MailDraft(MailTemplate.VALIDATION_INSTRUCTIONS, event.lineId(), base, null));
        }
        if (status == CaOrderStatus.REJECTED && event.previousStatus() != CaOrderStatus.REJECTED) {
            return List.of(new MailDraft(MailTemplate.REJECTED, event.lineId(), base, null));
        }
        if (status == CaOrderStatus.CANCELLED && event.previousStatus() != CaOrderStatus.CANCELLED) {
            return List.of(new MailDraft(MailTemplate.CANCELLED, event.lineId(), base, null));
        }
        if (status == CaOrderStatus.REVOKED && event.previousStatus() != CaOrderStatus.REVOKED) {
            var certificate = event.certificate();
            MailModel model = lifecycle(
                    base,
                    Wording.revocationReason(event.reason()),
                    certificate == null ? null : certificate.serialNumber(),
                    certificate == null ? null : Wording.dateTime(certificate.notAfter()),
                    null,
                    null,
                    Wording.dateTime(event.occurredAt()));
            return List.of(new MailDraft(MailTemplate.REVOKED, event.lineId(), model, null));
        }
        return List.of();
    }

    /**
     * The expiry reminder of one line's certificate; days left are counted from {@code now}, rounded to whole days
     * (negative after expiry).
     */
    public MailDraft expiryReminder(
            String orderNumber,
            String customerName,
            String lineId,
            Product product,
            List<String> domains,
            String serialNumber,
            Instant notAfter,
            Instant now) {
        long seconds = Duration.between(now, notAfter).getSeconds();
        int daysLeft = (int) Math.round(seconds / 86_400.0);
        MailModel base = lineModel(orderNumber, customerName, lineId, product, names(domains), null);
        MailModel model = lifecycle(base, null, serialNumber, Wording.dateTime(notAfter), daysLeft, null, null);
        return new MailDraft(MailTemplate.EXPIRY_REMINDER, lineId, model, null);
    }

    /** A line ordered without a CSR still waits for one. */
    public MailDraft csrReminder(
            String orderNumber, String customerName, String lineId, Product product, List<String> domains) {
        return new MailDraft(
                MailTemplate.CSR_REMINDER,
                lineId,
                lineModel(orderNumber, customerName, lineId, product, names(domains), null),
                null);
    }

    /** Superseded certificates of a line were revoked (one e-mail per revoke request, serials added as they come). */
    public MailDraft certificatesRevoked(
            String orderNumber,
            String customerName,
            String lineId,
            Product product,
            List<String> domains,
            List<String> serialNumbers,
            RevocationReason reason,
            Instant revokedAt) {
        MailModel base = lineModel(orderNumber, customerName, lineId, product, names(domains), null);
        MailModel model = lifecycle(
                base,
                Wording.revocationReason(reason),
                null,
                null,
                null,
                List.copyOf(serialNumbers),
                Wording.dateTime(revokedAt));
        return new MailDraft(MailTemplate.CERTIFICATES_REVOKED, lineId, model, null);
    }

    private static List<DomainValidation> names(List<String> domains) {
        return domains == null
                ? List.of()
                : domains.stream()
                        .map(name -> new DomainValidation(name, null, null, null))
                        .toList();
    }

    private static MailModel lifecycle(
            MailModel base,
            String reason,
            String serial,
            String validUntil,
            Integer daysLeft,
            List<String> serials,
            String revokedAt) {
        return new MailModel(
                base.orderNumber(),
                base.customerName(),
                base.lineId(),
                base.product(),
                base.productName(),
                base.lines(),
                base.domains(),
                reason,
                serial,
                null,
                validUntil,
                false,
                null,
                null,
                null,
                null,
                daysLeft,
                serials,
                revokedAt);
    }

    private static List<MailDraft> caas(CaasProvisioned event, String customerName) {
        // The sealed EAB HMAC key is for eab-service only: it is never read, stored or mentioned here.
        MailModel model = new MailModel(
                event.orderNumber(),
                customerName,
                event.lineId(),
                Product.CAAS.name(),
                Wording.product(Product.CAAS),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                false,
                event.acmeDirectoryUrl(),
                event.eabKeyId(),
                Wording.dateTime(event.orderedAt()),
                Wording.dateTime(event.revealableUntil()));
        return List.of(
                new MailDraft(MailTemplate.CAAS_SHIPMENT, event.lineId(), model, event.sealedCaReference()),
                new MailDraft(MailTemplate.CAAS_CREDENTIALS, event.lineId(), model, null));
    }

    private static MailModel lineModel(
            String orderNumber,
            String customerName,
            String lineId,
            Product product,
            List<DomainValidation> domains,
            String reason) {
        List<MailModel.Domain> shown = domains == null
                ? List.of()
                : domains.stream()
                        .map(d -> new MailModel.Domain(
                                d.name(),
                                name(d.dcvMethod()),
                                Wording.dcvMethod(d.dcvMethod()),
                                name(d.dcvStatus()),
                                d.instructions()))
                        .toList();
        return new MailModel(
                orderNumber,
                customerName,
                lineId,
                name(product),
                product == null ? "certificate" : Wording.product(product),
                List.of(),
                shown,
                reason,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null);
    }

    private static MailModel issued(MailModel base, CaOrderStatusChanged event, boolean reissue) {
        var certificate = event.certificate();
        return new MailModel(
                base.orderNumber(),
                base.customerName(),
                base.lineId(),
                base.product(),
                base.productName(),
                base.lines(),
                base.domains(),
                null,
                certificate == null ? null : certificate.serialNumber(),
                certificate == null ? null : Wording.dateTime(certificate.notBefore()),
                certificate == null ? null : Wording.dateTime(certificate.notAfter()),
                reissue,
                null,
                null,
                null,
                null);
    }

    /** The CA waits for the customer when a domain is still pending or failed and there is something to do. */
    private static boolean needsAction(List<DomainValidation> domains) {
        return domains != null
                && domains.stream()
                        .anyMatch(d -> d.dcvStatus() != DcvStatus.VALIDATED
                                && d.instructions() != null
                                && !d.instructions().isBlank());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}

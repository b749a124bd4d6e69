package com.certtrack.tracking.actions;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.certificates.SerialNumbers;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.access.AccessTokens;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.lineage.Lineage;
import com.certtrack.tracking.lookup.StatusViews;
import com.certtrack.tracking.view.LineStatus;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewProjector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The holder's requests for a line: DCV actions, cancel, revoke. Each is checked against the view, then published
 * as a command through the outbox for ca-gateway, applied to the view at once (so the lookup shows it pending) and
 * written to the audit trail as ACCEPTED, all in one transaction. The CA's answer arrives on ca-orders.v1.
 */
@ApplicationScoped
public class LineActions {

    public record DcvAccepted(String requested, String domain) {}

    public record CancelAccepted(String requested, Instant requestedAt) {}

    /** {@code accessToken}: replaces the caller's, since a revocation withdraws every earlier token of the line. */
    public record RevokeAccepted(
            List<String> serialNumbers, String reason, String accessToken, Instant accessTokenExpiresAt) {}

    static final int MAX_REASON = 500;
    private static final String DCV_ACTIONS = names(DcvAction.values());
    private static final String DCV_METHODS = names(DcvMethod.values());
    private static final String REASONS = names(RevocationReason.values());

    private final Outbox outbox;
    private final ViewProjector projector;
    private final AuditTrail audit;
    private final StatusViews views;
    private final Lineage lineage;
    private final LineAccess access;

    public LineActions(
            Outbox outbox,
            ViewProjector projector,
            AuditTrail audit,
            StatusViews views,
            Lineage lineage,
            LineAccess access) {
        this.access = access;
        this.outbox = outbox;
        this.projector = projector;
        this.audit = audit;
        this.views = views;
        this.lineage = lineage;
    }

    @Transactional
    public DcvAccepted dcv(TrackedLine line, String domainName, String actionName, String methodName) {
        DcvAction action = parse(DcvAction.class, actionName, "action", DCV_ACTIONS);
        if (domainName == null || domainName.isBlank()) {
            throw ProblemException.invalid("domain", "is required: one of the certificate's domains");
        }
        List<DomainValidation> domains = views.domains(line);
        String wanted = domainName.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        DomainValidation domain = domains.stream()
                .filter(d -> d.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid(
                        "domain",
                        "'" + clip(domainName) + "' is not a domain of"
                                + " this certificate; one of "
                                + domains.stream().map(DomainValidation::name).collect(Collectors.joining(", "))));
        DcvMethod method = null;
        if (action == DcvAction.CHANGE_METHOD) {
            if (methodName == null || methodName.isBlank()) {
                throw ProblemException.invalid("dcvMethod", "is required to change the method; one of " + DCV_METHODS);
            }
            method = parse(DcvMethod.class, methodName, "dcvMethod", DCV_METHODS);
            if (method == DcvMethod.HTTP_FILE && domain.name().startsWith("*.")) {
                throw ProblemException.invalid(
                        "dcvMethod",
                        "HTTP_FILE cannot validate the wildcard " + domain.name()
                                + "; use EMAIL, DNS_TXT or DNS_CNAME");
            }
        }
        if (action == DcvAction.RESEND_APPROVAL && domain.dcvMethod() != DcvMethod.EMAIL) {
            throw ProblemException.invalid(
                    "action",
                    "RESEND_APPROVAL applies to EMAIL validation only; "
                            + domain.name() + " is validated by " + domain.dcvMethod()
                            + " (use RECHECK once the record or file is published)");
        }
        if (!CaOrderStatus.PENDING_VALIDATION.name().equals(line.status)) {
            throw conflict(
                    "not-waiting-for-validation",
                    "Domain validation is not possible now",
                    "This certificate is not waiting for domain validation (status " + line.status + ").");
        }
        if (domain.dcvStatus() == DcvStatus.VALIDATED) {
            throw conflict(
                    "domain-validated",
                    "Domain already validated",
                    domain.name() + " is validated already; nothing to change.");
        }
        DcvActionRequested command = DcvActionRequested.of(
                UUID.randomUUID(), Instant.now(), line.orderNumber, line.lineId, domain.name(), action, method);
        publish(
                line,
                command,
                AuditActions.of(action),
                CommandDetail.of(command).describe());
        return new DcvAccepted(action.name(), domain.name());
    }

    @Transactional
    public CancelAccepted cancel(TrackedLine line, String reason) {
        String why = reason(reason);
        if (line.hasCertificate()
                || LineStatus.settled(line.status)
                || CaOrderStatus.REISSUE_PENDING.name().equals(line.status)) {
            throw conflict(
                    "cancel-not-possible",
                    "Cancel not possible",
                    line.hasCertificate()
                            ? "A certificate was issued for this line; revoke it instead of cancelling."
                            : "This line has ended already (status " + line.status + ").");
        }
        CancelRequested command =
                CancelRequested.of(UUID.randomUUID(), Instant.now(), line.orderNumber, line.lineId, why);
        publish(line, command, AuditActions.CANCEL, why == null ? "" : "reason: " + why);
        return new CancelAccepted("CANCEL", command.occurredAt());
    }

    /** @param serialNumbers hex; null or empty: the current certificate */
    @Transactional
    public RevokeAccepted revoke(TrackedLine line, String reasonName, List<String> serialNumbers) {
        if (reasonName == null || reasonName.isBlank()) {
            throw ProblemException.invalid("reason", "is required; one of " + REASONS);
        }
        RevocationReason reason = parse(RevocationReason.class, reasonName, "reason", REASONS);
        Lineage.LineLineage certificates = lineage.of(line);
        Set<String> serials = new LinkedHashSet<>();
        if (serialNumbers == null || serialNumbers.isEmpty()) {
            if (certificates.current() == null) {
                throw nothingToRevoke("This line has no certificate to revoke.");
            }
            serials.add(certificates.current());
        } else {
            for (int i = 0; i < serialNumbers.size(); i++) {
                String field = "serialNumbers[" + i + "]";
                String serial = SerialNumbers.normalise(serialNumbers.get(i))
                        .orElseThrow(() -> ProblemException.invalid(field, "is not a serial number (hexadecimal)"));
                if (certificates.certificate(serial).isEmpty() && !serial.equals(certificates.current())) {
                    throw ProblemException.invalid(field, serial + " is not a certificate of this line");
                }
                serials.add(serial);
            }
        }
        List<String> revoked = serials.stream()
                .filter(serial -> certificates
                        .certificate(serial)
                        .filter(c -> c.state() == Lineage.State.REVOKED)
                        .isPresent())
                .toList();
        if (!revoked.isEmpty()) {
            throw nothingToRevoke("Already revoked: " + String.join(", ", revoked) + ".");
        }
        return publishRevoke(line, List.copyOf(serials), reason);
    }

    /** Every certificate of the line that is neither revoked nor current; reason SUPERSEDED unless given. */
    @Transactional
    public RevokeAccepted revokeSuperseded(TrackedLine line, String reasonName) {
        RevocationReason reason = reasonName == null || reasonName.isBlank()
                ? RevocationReason.SUPERSEDED
                : parse(RevocationReason.class, reasonName, "reason", REASONS);
        List<String> serials = lineage.of(line).revocableSuperseded();
        if (serials.isEmpty()) {
            throw nothingToRevoke("This line has no superseded certificate left to revoke.");
        }
        return publishRevoke(line, serials, reason);
    }

    private RevokeAccepted publishRevoke(TrackedLine line, List<String> serials, RevocationReason reason) {
        RevokeRequested command =
                RevokeRequested.of(UUID.randomUUID(), Instant.now(), line.orderNumber, line.lineId, serials, reason);
        publish(line, command, AuditActions.REVOKE, CommandDetail.of(command).describe());
        AccessTokens.Issued renewed = access.withdrawTokens(line);
        return new RevokeAccepted(serials, reason.name(), renewed.token(), renewed.expiresAt());
    }

    private void publish(TrackedLine line, CertTrackEvent command, String action, String detail) {
        outbox.append(Topics.TRACKING_COMMANDS, command);
        projector.apply(command);
        audit.record(line.lineId, line.orderNumber, action, AuditTrail.ACCEPTED, detail);
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String text = reason.strip();
        if (text.length() > MAX_REASON) {
            throw ProblemException.invalid("reason", "must be at most " + MAX_REASON + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ProblemException.invalid("reason", "must not contain control characters");
        }
        return text;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required; one of " + allowed);
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "'" + clip(value) + "' is not one of " + allowed);
        }
    }

    private static ProblemException nothingToRevoke(String detail) {
        return conflict("nothing-to-revoke", "Nothing to revoke", detail);
    }

    private static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }

    private static String clip(String value) {
        String stripped = value.strip();
        return stripped.length() <= 60 ? stripped : stripped.substring(0, 60) + "...";
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}

package com.certtrack.tracking.reissue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.lookup.StatusViews;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewProjector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The CSR of a line ordered without one. The CA takes it the way it takes a reissue's (ca-gateway sends it as
 * the order's CSR) and issues as soon as the domains are validated; the view projects the command (at once and
 * again, once, when consumed), so a lookup stops asking for the CSR once it is on its way.
 */
@ApplicationScoped
public class CsrSubmission {

    public record Accepted(String lineId, Instant submittedAt, List<String> names) {}

    private final Outbox outbox;
    private final ViewProjector projector;
    private final StatusViews views;
    private final AuditTrail audit;

    public CsrSubmission(Outbox outbox, ViewProjector projector, StatusViews views, AuditTrail audit) {
        this.outbox = outbox;
        this.projector = projector;
        this.views = views;
        this.audit = audit;
    }

    @Transactional
    public Accepted submit(TrackedLine line, String csrPem) {
        if (line.hasCertificate()) {
            throw conflict("This line already has a certificate; to change its key, reissue it.");
        }
        if (!line.csrAwaited) {
            throw conflict("This line was ordered with a CSR; the CA issues with that one.");
        }
        if (!CaOrderStatus.PENDING_VALIDATION.name().equals(line.status)) {
            throw conflict(
                    line.status == null || CaOrderStatus.SUBMITTED.name().equals(line.status)
                            ? "The CA has not accepted the order yet; submit the CSR again in a minute."
                            : "A line in status " + line.status + " takes no CSR.");
        }
        List<String> domains =
                views.domains(line).stream().map(DomainValidation::name).toList();
        CsrCheck.Checked checked;
        try {
            checked = CsrCheck.check(csrPem, domains, Optional.empty());
        } catch (CsrCheck.Refused e) {
            throw ProblemException.invalid("csr", e.getMessage());
        }
        Instant now = Instant.now();
        // No domains: the order keeps its domains and their validations (tokens already published stay valid).
        ReissueRequested command =
                ReissueRequested.of(UUID.randomUUID(), now, line.orderNumber, line.lineId, csrPem.trim() + "\n", null);
        outbox.append(Topics.TRACKING_COMMANDS, command);
        projector.apply(command);
        audit.record(
                line.lineId,
                line.orderNumber,
                "CSR_SUBMITTED",
                AuditTrail.ACCEPTED,
                "CSR for " + String.join(", ", checked.names()));
        return new Accepted(line.lineId, now, checked.names());
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "csr-not-awaited", "No CSR awaited", detail));
    }
}

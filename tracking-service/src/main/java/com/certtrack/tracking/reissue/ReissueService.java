package com.certtrack.tracking.reissue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.access.AccessTokens;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.lookup.StatusViews;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewProjector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A reissue with a new CSR: checked here, carried out by ca-gateway at the CA. The view's status follows what
 * ca-gateway reports (REISSUE_PENDING, then ISSUED with the new certificate).
 */
@ApplicationScoped
public class ReissueService {

    /** {@code accessToken}: replaces the caller's, since a reissue withdraws every earlier token of the line. */
    public record Accepted(
            String lineId, Instant requestedAt, List<String> names, String accessToken, Instant accessTokenExpiresAt) {}

    private final Outbox outbox;
    private final ViewProjector projector;
    private final StatusViews views;
    private final AuditTrail audit;
    private final LineAccess access;

    public ReissueService(
            Outbox outbox, ViewProjector projector, StatusViews views, AuditTrail audit, LineAccess access) {
        this.access = access;
        this.outbox = outbox;
        this.projector = projector;
        this.views = views;
        this.audit = audit;
    }

    @Transactional
    public Accepted reissue(TrackedLine line, String csrPem) {
        if (CaOrderStatus.REISSUE_PENDING.name().equals(line.status)) {
            throw conflict("A reissue of this certificate is already in progress.");
        }
        if (line.waitsForCsr()) {
            throw conflict("This certificate has not been issued yet: it waits for its first CSR. Submit it with "
                    + "POST /api/tracking/csr (the portal's \"Submit your CSR\" form).");
        }
        if (!CaOrderStatus.ISSUED.name().equals(line.status) || !line.hasCertificate()) {
            throw conflict("Only an issued certificate can be reissued; this one is " + line.status + ".");
        }
        List<String> domains =
                views.of(line).domains().stream().map(DomainValidation::name).toList();
        CertificateChain current = CertificateChain.parse(line.certificatePemChain);
        CsrCheck.Checked checked;
        try {
            checked = CsrCheck.check(
                    csrPem,
                    domains,
                    Optional.of(SubjectPublicKeyInfo.getInstance(
                            current.leaf().getPublicKey().getEncoded())));
        } catch (CsrCheck.Refused e) {
            throw ProblemException.invalid("csr", e.getMessage());
        }
        Instant now = Instant.now();
        ReissueRequested command = ReissueRequested.of(
                UUID.randomUUID(), now, line.orderNumber, line.lineId, csrPem.trim() + "\n", domains);
        outbox.append(Topics.TRACKING_COMMANDS, command);
        // The view records the request time from the event (again, once, when consumed), so a rebuild keeps it.
        projector.apply(command);
        audit.record(
                line.lineId,
                line.orderNumber,
                "REISSUE",
                AuditTrail.ACCEPTED,
                "new CSR for " + String.join(", ", checked.names()));
        AccessTokens.Issued renewed = access.withdrawTokens(line);
        return new Accepted(line.lineId, now, checked.names(), renewed.token(), renewed.expiresAt());
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "reissue-not-possible", "Reissue not possible", detail));
    }
}

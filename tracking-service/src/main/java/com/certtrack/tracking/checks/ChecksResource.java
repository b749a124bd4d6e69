package com.certtrack.tracking.checks;

import com.certtrack.checks.DcvPreflight;
import com.certtrack.checks.InstallationCheck;
import com.certtrack.checks.PemCertificates;
import com.certtrack.checks.RevocationCheck;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.support.ratelimit.FailureLimiter;
import com.certtrack.tracking.ChecksConfig;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The diagnoses a customer runs from the portal: DCV pre-flight, revocation status, installation check. */
@Path("/api/tracking/checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ChecksResource {

    public record DcvRequest(String domain) {}

    public record RevocationRequest(String certificatePem) {}

    public record InstallationRequest(String host, Integer port) {}

    private final LineAccess access;
    private final LineDomains lineDomains;
    private final DcvPreflight dcv;
    private final RevocationRunner revocation;
    private final InstallationCheck installation;
    private final InstalledLeafReview leafReview;
    private final AuditTrail audit;
    private final FailureLimiter budget;

    public ChecksResource(
            LineAccess access,
            LineDomains lineDomains,
            DcvPreflight dcv,
            RevocationRunner revocation,
            InstallationCheck installation,
            InstalledLeafReview leafReview,
            AuditTrail audit,
            TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        this.access = access;
        this.lineDomains = lineDomains;
        this.leafReview = leafReview;
        this.audit = audit;
        this.budget = new FailureLimiter(config.budget(), config.budgetPeriod());
        this.dcv = dcv;
        this.revocation = revocation;
        this.installation = installation;
    }

    @POST
    @Path("/dcv")
    @Operation(summary = "Check the pending domains' DCV records or files as the CA will (Bearer)")
    public DcvPreflight.Result dcv(
            DcvRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        TrackedLine line = access.fromAuthorization(authorization);
        spend(http);
        String domain = request == null ? null : request.domain();
        DcvPreflight.Result result = dcv.check(lineDomains.validations(line), domain);
        audit.record(
                line.lineId, line.orderNumber, "CHECK_DCV", AuditTrail.DONE, domain == null ? "all pending" : domain);
        return result;
    }

    @POST
    @Path("/revocation")
    @Operation(
            summary = "Revocation status by OCSP and CRL of a pasted certificate (no token) or of the line's "
                    + "current certificate (Bearer)")
    public CompletionStage<RevocationCheck.Result> revocation(
            RevocationRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        // Parsing, the token and the budget here; the fetches on the runner's own threads (this one is let go).
        String pem = request == null ? null : request.certificatePem();
        if (pem != null && !pem.isBlank()) {
            List<X509Certificate> pasted = PemCertificates.parse("certificatePem", pem);
            spend(http);
            return revocation.check(pasted);
        }
        TrackedLine line = access.fromAuthorization(authorization);
        spend(http);
        if (!line.hasCertificate()) {
            throw new ProblemException(Problem.of(
                    409,
                    "not-issued",
                    "Not issued",
                    "This order has no certificate yet; paste a certificate to check instead."));
        }
        List<X509Certificate> chain = PemCertificates.parse("certificatePem", line.certificatePemChain);
        String client =
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return revocation.check(chain).thenApply(result -> {
            // Outside the request now, so the client address captured above is passed on.
            audit.recordEvent(
                    null,
                    Instant.now(),
                    line.lineId,
                    line.orderNumber,
                    "CHECK_REVOCATION",
                    AuditTrail.DONE,
                    client,
                    result.status().name());
            return result;
        });
    }

    @POST
    @Path("/installation")
    @Operation(summary = "Check the certificate installed on host:port, one of the line's domains (Bearer)")
    public InstallationCheck.Result installation(
            InstallationRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest http) {
        TrackedLine line = access.fromAuthorization(authorization);
        if (request == null) {
            throw ProblemException.invalid("host", "Name the host to check, e.g. www.example.com.");
        }
        spend(http);
        InstallationCheck.Result result =
                installation.check(lineDomains.names(line), request.host(), request.port(), leafReview.of(line));
        audit.record(
                line.lineId,
                line.orderNumber,
                "CHECK_INSTALLATION",
                AuditTrail.DONE,
                result.host() + ":" + result.port());
        return result;
    }

    /** Every check connects out: a client gets a budget of them, then 429 with Retry-After. */
    private void spend(HttpServerRequest http) {
        var address = http.remoteAddress();
        budget.spend(address == null ? "unknown" : address.hostAddress());
    }
}

package com.certtrack.tracking.checks;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.view.TrackedLine;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The diagnoses a customer runs from the portal: DCV pre-flight, revocation status, installation check. */
@Path("/api/tracking/checks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ChecksResource {

    public record DcvRequest(String domain) {
    }

    public record RevocationRequest(String certificatePem) {
    }

    public record InstallationRequest(String host, Integer port) {
    }

    private final LineAccess access;
    private final DcvPreflight dcv;
    private final RevocationCheck revocation;
    private final InstallationCheck installation;

    public ChecksResource(LineAccess access, DcvPreflight dcv, RevocationCheck revocation,
            InstallationCheck installation) {
        this.access = access;
        this.dcv = dcv;
        this.revocation = revocation;
        this.installation = installation;
    }

    @POST
    @Path("/dcv")
    @Operation(summary = "Check the pending domains' DCV records or files as the CA will (Bearer)")
    public DcvPreflight.Result dcv(DcvRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        return dcv.check(line, request == null ? null : request.domain());
    }

    @POST
    @Path("/revocation")
    @Operation(summary = "Revocation status by OCSP and CRL of a pasted certificate (no token) or of the line's "
            + "current certificate (Bearer)")
    public RevocationCheck.Result revocation(RevocationRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String pem = request == null ? null : request.certificatePem();
        if (pem != null && !pem.isBlank()) {
            return revocation.check(PemCertificates.parse("certificatePem", pem));
        }
        TrackedLine line = access.fromAuthorization(authorization);
        if (!line.hasCertificate()) {
            throw new ProblemException(Problem.of(409, "not-issued", "Not issued",
                    "This order has no certificate yet; paste a certificate to check instead."));
        }
        List<X509Certificate> chain = PemCertificates.parse("certificatePem", line.certificatePemChain);
        return revocation.check(chain);
    }

    @POST
    @Path("/installation")
    @Operation(summary = "Check the certificate installed on host:port, one of the line's domains (Bearer)")
    public InstallationCheck.Result installation(InstallationRequest request,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        if (request == null) {
            throw ProblemException.invalid("host", "Name the host to check, e.g. www.example.com.");
        }
        return installation.check(line, request.host(), request.port());
    }
}

package com.certtrack.tracking.download;

import com.certtrack.support.problem.Problem;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.pki.CertificateChain;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Public: the CA's intermediate certificates (published by ca-gateway at its start-up, and any seen in issued
 * chains), then the root when one is configured; 503 with Retry-After while none is known.
 */
@Path("/api/intermediates")
public class IntermediatesResource {

    private static final int RETRY_AFTER_SECONDS = 10;

    private final EntityManager em;
    private final String root;

    public IntermediatesResource(EntityManager em, TrackingConfig config) {
        this.em = em;
        // Parsed once; a broken root PEM fails the first request loudly rather than serving garbage.
        this.root = config.rootCertificate()
                .filter(pem -> !pem.isBlank())
                .map(pem -> CertificateChain.parse(pem.replace("\\n", "\n")).pem())
                .orElse("");
    }

    @GET
    @Operation(summary = "Intermediate certificates (PEM), followed by the root if configured")
    public Response intermediates() {
        @SuppressWarnings("unchecked")
        List<String> pems = em.createNativeQuery(
                        "SELECT pem FROM intermediate_certificate ORDER BY first_seen_at, sha256")
                .getResultList();
        if (pems.isEmpty()) {
            // Never an empty 200: a server configured from it would serve a broken chain.
            Response unknown = Problem.of(
                            503,
                            "intermediates-unknown",
                            "Intermediates not known yet",
                            "The CA's intermediate certificates have not reached this service yet; try again shortly.")
                    .toResponse();
            return Response.fromResponse(unknown)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        String body = String.join("", pems) + root;
        return Response.ok(body, "application/pem-certificate-chain")
                .header("Content-Disposition", "inline; filename=\"intermediates.pem\"")
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}

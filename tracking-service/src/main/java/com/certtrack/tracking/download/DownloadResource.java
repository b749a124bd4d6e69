package com.certtrack.tracking.download;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The current certificate of the line the access token opens, in the format a server wants. */
@Path("/api/tracking/certificate")
public class DownloadResource {

    private final LineAccess access;
    private final AuditTrail audit;

    public DownloadResource(LineAccess access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Download the certificate: pem (leaf), chain (leaf + intermediates), der, p7b, bundle (zip)")
    public Response download(
            @QueryParam("format") String formatName, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        DownloadFormat format = DownloadFormat.of(formatName == null ? "pem" : formatName)
                .orElseThrow(() -> ProblemException.invalid(
                        "format",
                        "Choose one of: "
                                + Arrays.stream(DownloadFormat.values())
                                        .map(DownloadFormat::parameter)
                                        .collect(Collectors.joining(", "))
                                + "."));
        if (!line.hasCertificate()) {
            throw new ProblemException(Problem.of(
                    409,
                    "not-issued",
                    "Not issued yet",
                    "The certificate is not issued yet (status " + line.status + "). Complete the domain validation;"
                            + " the download is ready as soon as the CA issues it."));
        }
        CertificateChain chain = CertificateChain.parse(line.certificatePemChain);
        String name = baseName(chain, line);
        byte[] file = CertificateFiles.render(format, chain, name);
        audit.record(
                line.lineId,
                line.orderNumber,
                "DOWNLOAD",
                AuditTrail.DONE,
                format.parameter() + ", serial " + line.certificateSerial);
        return Response.ok(file, format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + format.suffix() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** File names after the certificate's common name: {@code *.example.com} becomes {@code wildcard.example.com}. */
    static String baseName(CertificateChain chain, TrackedLine line) {
        try {
            for (Rdn rdn : new LdapName(chain.leaf().getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    String safe = rdn.getValue()
                            .toString()
                            .toLowerCase(Locale.ROOT)
                            .replace("*", "wildcard")
                            .replaceAll("[^a-z0-9.-]", "_");
                    if (!safe.isBlank()) {
                        return safe;
                    }
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // fall through to the line id
        }
        return line.lineId.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}

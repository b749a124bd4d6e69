package com.certtrack.tracking.checks;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The revocation status of a certificate, asked of both OCSP and the CRL, with every "unknown" explained. */
@ApplicationScoped
public class RevocationCheck {

    public record Result(
            String serialNumber,
            String subject,
            String issuer,
            RevocationStatus status,
            Instant revokedAt,
            String reason,
            String issuerSource,
            RevocationSource ocsp,
            RevocationSource crl,
            List<String> explanations,
            List<Finding> findings) {}

    private final IssuerLocator issuers;
    private final OcspCheck ocsp;
    private final CrlCheck crl;
    private final Duration budget;
    private final int maxIssuerFetches;

    public RevocationCheck(IssuerLocator issuers, OcspCheck ocsp, CrlCheck crl, ChecksConfig config) {
        this.issuers = issuers;
        this.ocsp = ocsp;
        this.crl = crl;
        this.budget = config.revocationBudget();
        this.maxIssuerFetches = config.maxIssuerFetches();
    }

    /** @param certificates the leaf first, then whatever chain came with it */
    public Result check(List<X509Certificate> certificates) {
        // One deadline for every fetch of this check: a pasted certificate chooses the URLs, not how long we wait.
        Instant deadline = Instant.now().plus(budget);
        X509Certificate leaf = certificates.get(0);
        IssuerLocator.Lookup lookup = issuers.find(leaf, certificates.subList(1, certificates.size()), deadline);
        Optional<IssuerLocator.Found> found = lookup.found();
        X509Certificate issuer = found.map(IssuerLocator.Found::issuer).orElse(null);
        RevocationSource byOcsp = ocsp.check(leaf, issuer, deadline);
        RevocationSource byCrl = crl.check(leaf, issuer, deadline);
        List<Finding> findings = new ArrayList<>();
        if (!lookup.skipped().isEmpty()) {
            findings.add(Finding.warning(
                    "ISSUER_URLS_SKIPPED",
                    "Not fetched: more than " + maxIssuerFetches
                            + " issuer URLs. The certificate names "
                            + (maxIssuerFetches + lookup.skipped().size())
                            + " CA Issuers URLs; only the first " + maxIssuerFetches + " were tried, these were not: "
                            + String.join(", ", lookup.skipped()) + ".",
                    "Paste the certificate followed by its intermediate "
                            + "(the full chain), so no URL needs to be fetched."));
        }

        RevocationSource revoked = byOcsp.status() == RevocationStatus.REVOKED
                ? byOcsp
                : byCrl.status() == RevocationStatus.REVOKED ? byCrl : null;
        RevocationStatus status = revoked != null
                ? RevocationStatus.REVOKED
                : byOcsp.status() == RevocationStatus.GOOD || byCrl.status() == RevocationStatus.GOOD
                        ? RevocationStatus.GOOD
                        : RevocationStatus.UNKNOWN;
        List<String> explanations = new ArrayList<>();
        explanations.add(
                switch (status) {
                    case GOOD -> "The certificate is not revoked.";
                    case REVOKED ->
                        "The certificate is revoked: browsers refuse it. Replace it on your servers with a new "
                                + "one (reissue with a new key if the key was compromised).";
                    case UNKNOWN ->
                        "The status could not be confirmed: neither OCSP nor the CRL gave a usable answer. This "
                                + "does not mean the certificate is revoked; the reasons follow.";
                });
        if (byOcsp.error() != null) {
            explanations.add("OCSP: " + byOcsp.explanation());
        }
        if (byCrl.error() != null) {
            explanations.add("CRL: " + byCrl.explanation());
        }
        if (status == RevocationStatus.REVOKED
                && (byOcsp.status() == RevocationStatus.GOOD || byCrl.status() == RevocationStatus.GOOD)) {
            explanations.add(
                    "OCSP and the CRL disagree; the revocation counts, the other source has not caught up yet.");
        }
        return new Result(
                CertificateFacts.serialHex(leaf),
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                status,
                revoked == null ? null : revoked.revokedAt(),
                revoked == null ? null : revoked.reason(),
                found.map(IssuerLocator.Found::source).orElse(null),
                byOcsp,
                byCrl,
                explanations,
                findings);
    }
}

package com.certtrack.tracking.checks;

import com.certtrack.checks.CertificateFacts;
import com.certtrack.checks.Finding;
import com.certtrack.checks.InstallationCheck;
import com.certtrack.tracking.lineage.Lineage;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;

/**
 * Whether the leaf a server sends is the line's current certificate, an earlier one of its lineage, or another:
 * what the installation check asks of the service, which alone knows the order's certificates.
 */
@ApplicationScoped
public class InstalledLeafReview {

    private final Lineage lineage;

    public InstalledLeafReview(Lineage lineage) {
        this.lineage = lineage;
    }

    public InstallationCheck.LeafReview of(TrackedLine line) {
        return leaf -> review(line, leaf);
    }

    private Finding review(TrackedLine line, X509Certificate leaf) {
        String sha256 = CertificateChain.sha256(leaf);
        if (line.certificateSha256 != null && line.certificateSha256.equalsIgnoreCase(sha256)) {
            return Finding.ok(
                    "LEAF_CURRENT",
                    "The server uses this order's current certificate (serial " + CertificateFacts.serialHex(leaf)
                            + ").");
        }
        if (line.certificateSha256 == null) {
            return Finding.warning(
                    "LEAF_NOT_ISSUED",
                    "This order has no certificate yet; the server uses another one (serial "
                            + CertificateFacts.serialHex(leaf) + ").",
                    "Install the certificate once it is issued.");
        }
        X509Certificate current =
                CertificateChain.parse(line.certificatePemChain).leaf();
        var earlier = lineage.of(line).certificates().stream()
                .filter(c -> sha256.equalsIgnoreCase(c.sha256Fingerprint()))
                .findFirst();
        if (earlier.isPresent()) {
            String revoked = earlier.get().revokedAt() == null
                    ? ""
                    : " It was revoked on " + earlier.get().revokedAt() + ": browsers that check revocation refuse it.";
            return Finding.error(
                    "LEAF_OLDER",
                    "The server still uses an earlier certificate of this order (serial "
                            + CertificateFacts.serialHex(leaf) + "), not the current one (serial "
                            + CertificateFacts.serialHex(current) + ")." + revoked,
                    "Install the current certificate from the portal's download and reload the server.");
        }
        boolean sameIssuer = current.getIssuerX500Principal().equals(leaf.getIssuerX500Principal());
        boolean sameNames = CertificateFacts.dnsNames(current).equals(CertificateFacts.dnsNames(leaf));
        if (sameIssuer && sameNames && leaf.getNotBefore().before(current.getNotBefore())) {
            return Finding.error(
                    "LEAF_OLDER",
                    "The server still uses an older certificate for these names (serial "
                            + CertificateFacts.serialHex(leaf) + ", valid until "
                            + leaf.getNotAfter().toInstant()
                            + "), not the current one (serial " + CertificateFacts.serialHex(current) + ").",
                    "Install the current certificate from the portal's download and reload the server.");
        }
        return Finding.error(
                "LEAF_OTHER",
                "The server uses a certificate that is not this order's (serial " + CertificateFacts.serialHex(leaf)
                        + ", issued by " + leaf.getIssuerX500Principal().getName() + ").",
                "Install this order's certificate from the portal's download, or check another host.");
    }
}

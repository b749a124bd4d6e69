package com.certtrack.tracking.checks;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a served chain: does it lead from the leaf to a trusted root (or to one of our intermediates), in order,
 * without gaps and without certificates that do not belong?
 */
final class ChainReview {

    private ChainReview() {}

    static List<Finding> review(
            List<X509Certificate> served, List<X509Certificate> ourIntermediates, List<X509Certificate> roots) {
        X509Certificate leaf = served.get(0);
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        List<X509Certificate> missing = new ArrayList<>();
        boolean trusted = false;
        X509Certificate current = leaf;
        while (path.size() < 10) {
            if (roots.contains(current) || CertificateFacts.selfSigned(current)) {
                trusted = roots.contains(current);
                break;
            }
            X509Certificate at = current;
            if (roots.stream().anyMatch(root -> CertificateFacts.issued(root, at))) {
                trusted = true;
                break;
            }
            Optional<X509Certificate> next = served.stream()
                    .filter(c -> !path.contains(c) && CertificateFacts.issued(c, at))
                    .findFirst();
            if (next.isEmpty()) {
                next = ourIntermediates.stream()
                        .filter(c -> !path.contains(c) && CertificateFacts.issued(c, at))
                        .findFirst();
                next.ifPresent(missing::add);
            }
            if (next.isEmpty()) {
                break;
            }
            path.add(next.get());
            current = next.get();
        }

        // Our intermediates are issued by our root, which browsers trust even when it is not configured here.
        trusted = trusted || path.stream().anyMatch(ourIntermediates::contains);
        List<Finding> findings = new ArrayList<>();
        for (X509Certificate certificate : missing) {
            findings.add(Finding.error(
                    "CHAIN_INCOMPLETE",
                    "The server does not send the intermediate certificate "
                            + subject(certificate) + ". Browsers that have not cached it, and most other clients, will "
                            + "refuse the connection.",
                    "Install the full chain: download 'chain' (full chain PEM) in the "
                            + "portal and use it as the server's certificate file (nginx ssl_certificate, Apache "
                            + "SSLCertificateFile)."));
        }
        if (!trusted && missing.isEmpty()) {
            findings.add(Finding.error(
                    "CHAIN_UNTRUSTED",
                    "The served chain does not lead to a trusted root: the issuer of " + subject(current)
                            + " is neither sent nor known.",
                    "Install the certificate with the intermediates from the portal's 'chain' download."));
        }
        List<X509Certificate> servedInPath =
                served.stream().filter(path::contains).toList();
        List<X509Certificate> pathServed =
                path.stream().filter(served::contains).toList();
        if (!servedInPath.equals(pathServed)) {
            findings.add(Finding.warning(
                    "CHAIN_WRONG_ORDER",
                    "The server sends the chain out of order; it must be "
                            + "the certificate first, then each issuer in turn. Some clients refuse a disordered chain.",
                    "Put the certificates in the file in this order: certificate, intermediate(s), as in the "
                            + "portal's 'chain' download."));
        }
        for (X509Certificate extra : served) {
            if (!path.contains(extra)) {
                findings.add(Finding.warning(
                        "CHAIN_EXTRA_CERTIFICATE",
                        "The server also sends " + subject(extra) + ", which is not part of this certificate's chain.",
                        "Remove that certificate from the server's certificate file."));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("CHAIN_OK", "The server sends the complete chain, in order."));
        }
        return findings;
    }

    static String subject(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }
}

package com.certtrack.tracking.checks;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.lineage.Lineage;
import com.certtrack.tracking.outbound.OutboundHttp;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Connects to a customer's server as a browser would and says what is wrong with the installed certificate. */
@ApplicationScoped
public class InstallationCheck {

    public record ServedCertificate(String subject, String issuer, String serialNumber, Instant notAfter) {}

    public record Result(
            String host,
            int port,
            String address,
            Map<String, Boolean> protocols,
            List<ServedCertificate> servedChain,
            Long daysToExpiry,
            boolean ocspStapled,
            List<Finding> findings) {}

    private final LineDomains lineDomains;
    private final OutboundHttp http;
    private final TlsProbe probe;
    private final KnownCertificates known;
    private final CaaCheck caa;
    private final Lineage lineage;
    private final int expiryWarningDays;

    public InstallationCheck(
            LineDomains lineDomains,
            OutboundHttp http,
            TlsProbe probe,
            KnownCertificates known,
            CaaCheck caa,
            Lineage lineage,
            ChecksConfig config) {
        this.lineage = lineage;
        this.lineDomains = lineDomains;
        this.http = http;
        this.probe = probe;
        this.known = known;
        this.caa = caa;
        this.expiryWarningDays = config.expiryWarningDays();
    }

    public Result check(TrackedLine line, String rawHost, Integer rawPort) {
        int port = rawPort == null ? 443 : rawPort;
        if (port < 1 || port > 65535) {
            throw ProblemException.invalid("port", "The port must be between 1 and 65535.");
        }
        if (rawHost == null || rawHost.isBlank()) {
            throw ProblemException.invalid("host", "Name the host to check, e.g. www.example.com.");
        }
        String host = LineDomains.normalise(rawHost);
        if (!host.matches("[a-z0-9]([a-z0-9-]{0,62}\\.)*[a-z0-9-]{1,63}") || host.length() > 253) {
            throw ProblemException.invalid("host", "'" + rawHost + "' is not a host name.");
        }
        String domain = lineDomains
                .covering(line, host)
                .orElseThrow(() -> ProblemException.invalid(
                        "host",
                        "'"
                                + host + "' is not one of this order line's domains ("
                                + String.join(", ", lineDomains.names(line))
                                + "); only those can be checked."));
        InetAddress address;
        try {
            address = http.resolve(host);
        } catch (OutboundHttp.Failure failure) {
            if (failure.kind() == OutboundHttp.Kind.PRIVATE_ADDRESS) {
                throw new ProblemException(Problem.of(
                        400,
                        "address-refused",
                        "Address refused",
                        failure.getMessage() + " Only servers reachable from the internet can be checked."));
            }
            return new Result(
                    host,
                    port,
                    null,
                    protocols(Map.of()),
                    List.of(),
                    null,
                    false,
                    List.of(
                            Finding.error(
                                    "HOST_NOT_RESOLVED",
                                    failure.getMessage(),
                                    "Publish an A or AAAA record for " + host + " pointing to your server."),
                            caa.check(domain)));
        }

        Map<String, Boolean> offered = new LinkedHashMap<>();
        TlsProbe.Handshake main = null;
        TlsProbe.Failed lastFailure = null;
        for (String protocol : TlsProbe.PROTOCOLS) {
            try {
                TlsProbe.Handshake handshake = probe.handshake(address, port, host, List.of(protocol));
                offered.put(protocol, true);
                main = handshake;
            } catch (TlsProbe.Failed failed) {
                offered.put(protocol, false);
                lastFailure = failed;
                if (!failed.connected()) {
                    break;
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        if (main == null) {
            boolean connected = lastFailure != null && lastFailure.connected();
            findings.add(
                    connected
                            ? Finding.error(
                                    "TLS_HANDSHAKE_FAILED",
                                    "No TLS handshake with " + host + ":" + port + " succeeded "
                                            + "in any protocol version (" + lastFailure.getMessage() + ").",
                                    "Check that the port "
                                            + "serves HTTPS (not plain HTTP) and that a certificate is configured for "
                                            + host
                                            + ".")
                            : Finding.error(
                                    "HOST_UNREACHABLE",
                                    host + ":" + port + " (" + address.getHostAddress()
                                            + ") does not accept connections: "
                                            + (lastFailure == null ? "" : lastFailure.getMessage())
                                            + ".",
                                    "Check that the server runs, listens on port " + port + " and that no firewall "
                                            + "blocks it."));
            findings.add(caa.check(domain));
            return new Result(
                    host, port, address.getHostAddress(), protocols(offered), List.of(), null, false, findings);
        }
        List<X509Certificate> chain = main.chain();
        X509Certificate leaf = chain.get(0);
        findings.addAll(ChainReview.review(chain, known.ourIntermediates(), known.trustedRoots()));
        findings.add(leafFinding(line, leaf));
        long days =
                Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays();
        findings.add(expiry(leaf, days));
        findings.add(hostname(leaf, host));
        findings.add(key(leaf));
        findings.add(signature(leaf));
        findings.addAll(protocolFindings(offered));
        findings.add(
                main.stapledOcsp() != null
                        ? Finding.ok(
                                "OCSP_STAPLED",
                                "The server staples an OCSP response: browsers learn the revocation "
                                        + "status in the handshake.")
                        : Finding.warning(
                                "OCSP_STAPLING_MISSING",
                                "The server does not staple an OCSP response. Stapling "
                                        + "means the server fetches the CA's signed 'not revoked' answer itself and hands it to "
                                        + "browsers in the handshake; without it each browser must ask the CA's OCSP responder (slower "
                                        + "first visit, and the CA learns who visits) or skips the check.",
                                "Enable OCSP stapling "
                                        + "(nginx: ssl_stapling on; ssl_stapling_verify on; with a resolver; Apache: "
                                        + "SSLUseStapling on)."));
        findings.add(caa.check(domain));
        List<ServedCertificate> served = chain.stream()
                .map(c -> new ServedCertificate(
                        c.getSubjectX500Principal().getName(),
                                c.getIssuerX500Principal().getName(),
                        CertificateFacts.serialHex(c), c.getNotAfter().toInstant()))
                .toList();
        return new Result(
                host,
                port,
                address.getHostAddress(),
                protocols(offered),
                served,
                days,
                main.stapledOcsp() != null,
                findings);
    }

    private static Map<String, Boolean> protocols(Map<String, Boolean> offered) {
        Map<String, Boolean> all = new LinkedHashMap<>();
        TlsProbe.PROTOCOLS.forEach(p -> all.put(p, offered.getOrDefault(p, false)));
        return all;
    }

    private Finding leafFinding(TrackedLine line, X509Certificate leaf) {
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
        boolean sameNames = names(current).equals(names(leaf));
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

    private Finding expiry(X509Certificate leaf, long days) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now())) {
            return Finding.error(
                    "CERTIFICATE_EXPIRED",
                    "The served certificate expired on " + notAfter + "; browsers refuse it.",
                    "Install the current certificate, or renew the order.");
        }
        if (leaf.getNotBefore().toInstant().isAfter(Instant.now())) {
            return Finding.error(
                    "CERTIFICATE_NOT_YET_VALID",
                    "The served certificate is valid only from "
                            + leaf.getNotBefore().toInstant() + ".",
                    "Check the server's clock.");
        }
        if (days < expiryWarningDays) {
            return Finding.warning(
                    "CERTIFICATE_EXPIRES_SOON",
                    "The served certificate expires in " + days + " days (" + notAfter + ").",
                    "Renew now and install the new certificate before it expires.");
        }
        return Finding.ok("EXPIRY_OK", "The served certificate is valid for " + days + " more days.");
    }

    private static Finding hostname(X509Certificate leaf, String host) {
        List<String> names = names(leaf);
        if (names.stream().anyMatch(n -> LineDomains.covers(n, host))) {
            return Finding.ok("HOSTNAME_OK", "The certificate covers " + host + ".");
        }
        return Finding.error(
                "HOSTNAME_MISMATCH",
                "The served certificate is for " + String.join(", ", names) + ", not for " + host
                        + ": browsers show a name-mismatch error.",
                "Configure the server to use a "
                        + "certificate that covers " + host + " for this name (check the server block or virtual "
                        + "host that answers for " + host + ").");
    }

    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(name.get(0))) {
                        names.add(LineDomains.normalise(name.get(1).toString()));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return names;
        }
        return names.stream().sorted().toList();
    }

    private static Finding key(X509Certificate leaf) {
        var key = leaf.getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits < 2048
                    ? Finding.error(
                            "WEAK_KEY",
                            "The certificate's key is RSA " + bits + " bits; at least 2048 are required.",
                            "Reissue with a new key of RSA 2048+ or EC P-256.")
                    : Finding.ok("KEY_OK", "Key: RSA " + bits + " bits.");
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits < 256
                    ? Finding.error(
                            "WEAK_KEY",
                            "The certificate's key is EC " + bits + " bits; at least 256 are required.",
                            "Reissue with a new EC P-256 or P-384 key.")
                    : Finding.ok("KEY_OK", "Key: EC " + bits + " bits.");
        }
        return Finding.ok("KEY_OK", "Key: " + key.getAlgorithm() + ".");
    }

    private static Finding signature(X509Certificate leaf) {
        String algorithm = leaf.getSigAlgName();
        String upper = algorithm.toUpperCase(Locale.ROOT);
        if (upper.contains("MD5") || upper.contains("SHA1") || upper.startsWith("SHA-1")) {
            return Finding.error(
                    "WEAK_SIGNATURE",
                    "The certificate is signed with " + algorithm + ", which browsers no longer accept.",
                    "Reissue the certificate; current certificates are signed with SHA-256 or stronger.");
        }
        return Finding.ok("SIGNATURE_OK", "Signature algorithm: " + algorithm + ".");
    }

    private static List<Finding> protocolFindings(Map<String, Boolean> offered) {
        List<Finding> findings = new ArrayList<>();
        List<String> legacy = new ArrayList<>();
        if (offered.getOrDefault("TLSv1", false)) {
            legacy.add("TLS 1.0");
        }
        if (offered.getOrDefault("TLSv1.1", false)) {
            legacy.add("TLS 1.1");
        }
        if (!legacy.isEmpty()) {
            findings.add(Finding.warning(
                    "TLS_LEGACY_PROTOCOL",
                    "The server still accepts " + String.join(" and ", legacy)
                            + ", which are deprecated (RFC 8996) and fail PCI DSS scans.",
                    "Allow only TLS 1.2 and 1.3 "
                            + "(nginx: ssl_protocols TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3)."));
        }
        if (!offered.getOrDefault("TLSv1.2", false) && !offered.getOrDefault("TLSv1.3", false)) {
            findings.add(Finding.error(
                    "TLS_NO_MODERN_PROTOCOL",
                    "The server accepts neither TLS 1.2 nor TLS 1.3, which current browsers require.",
                    "Enable TLS 1.2 and TLS 1.3."));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("TLS_PROTOCOLS_OK", "The server accepts only current TLS versions."));
        }
        return findings;
    }
}

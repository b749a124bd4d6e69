package com.certtrack.checks;

import com.certtrack.checks.outbound.OutboundHttp;
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
import java.util.Set;

/** Connects to a customer's server as a browser would and says what is wrong with the installed certificate. */
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

    /**
     * Says whether the served leaf is the one the customer should have installed (the service knows the order's
     * certificates, this module does not).
     */
    @FunctionalInterface
    public interface LeafReview {
        Finding review(X509Certificate leaf);
    }

    private final OutboundHttp http;
    private final TlsProbe probe;
    private final IssuerCertificates known;
    private final CaaCheck caa;
    private final int expiryWarningDays;

    /** @param expiryWarningDays a certificate expiring within this many days is a warning */
    public InstallationCheck(
            OutboundHttp http, TlsProbe probe, IssuerCertificates known, CaaCheck caa, int expiryWarningDays) {
        this.http = http;
        this.probe = probe;
        this.known = known;
        this.caa = caa;
        this.expiryWarningDays = expiryWarningDays;
    }

    /**
     * @param names the order line's domains (normalised); only a host one of them covers is checked
     * @param rawHost the host as the customer typed it
     * @param rawPort null for 443
     * @throws InvalidInput for a port, or a host that is no host name or not one of {@code names}
     * @throws AddressRefused for a host with an address the policy refuses
     */
    public Result check(Set<String> names, String rawHost, Integer rawPort, LeafReview leafReview) {
        int port = rawPort == null ? 443 : rawPort;
        if (port < 1 || port > 65535) {
            throw new InvalidInput("port", "The port must be between 1 and 65535.");
        }
        if (rawHost == null || rawHost.isBlank()) {
            throw new InvalidInput("host", "Name the host to check, e.g. www.example.com.");
        }
        String host = DomainNames.normalise(rawHost);
        if (!host.matches("[a-z0-9]([a-z0-9-]{0,62}\\.)*[a-z0-9-]{1,63}") || host.length() > 253) {
            throw new InvalidInput("host", "'" + rawHost + "' is not a host name.");
        }
        String domain = DomainNames.covering(names, host)
                .orElseThrow(() -> new InvalidInput(
                        "host",
                        "'"
                                + host + "' is not one of this order line's domains ("
                                + String.join(", ", names)
                                + "); only those can be checked."));
        InetAddress address;
        try {
            address = http.resolve(host);
        } catch (OutboundHttp.Failure failure) {
            if (failure.kind() == OutboundHttp.Kind.PRIVATE_ADDRESS) {
                throw new AddressRefused(
                        failure.getMessage() + " Only servers reachable from the internet can be checked.");
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
        findings.add(leafReview.review(leaf));
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
        List<String> names = CertificateFacts.dnsNames(leaf);
        if (names.stream().anyMatch(n -> DomainNames.covers(n, host))) {
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

package com.certtrack.tracking.checks;

import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the certificate that issued a leaf: in the pasted chain, among our intermediates, then at its AIA URL. */
@ApplicationScoped
public class IssuerLocator {

    public record Found(X509Certificate issuer, String source) {
    }

    private final KnownCertificates known;
    private final OutboundHttp http;

    public IssuerLocator(KnownCertificates known, OutboundHttp http) {
        this.known = known;
        this.http = http;
    }

    public Optional<Found> find(X509Certificate leaf, List<X509Certificate> pasted) {
        Optional<X509Certificate> issuer = among(leaf, pasted);
        if (issuer.isPresent()) {
            return Optional.of(new Found(issuer.get(), "PASTED_CHAIN"));
        }
        List<X509Certificate> ours = new ArrayList<>(known.ourIntermediates());
        ours.addAll(known.trustedRoots());
        issuer = among(leaf, ours);
        if (issuer.isPresent()) {
            return Optional.of(new Found(issuer.get(), "KNOWN_CERTIFICATES"));
        }
        for (String url : CertificateFacts.caIssuersUrls(leaf)) {
            try {
                OutboundHttp.Answer answer = http.request(HttpMethod.GET, url, null, null);
                if (answer.status() == 200) {
                    issuer = among(leaf, parse(answer.body()));
                    if (issuer.isPresent()) {
                        return Optional.of(new Found(issuer.get(), "AIA_CA_ISSUERS"));
                    }
                }
            } catch (OutboundHttp.Failure ignored) {
                // Reported as "issuer not found"; the next URL may work.
            }
        }
        return Optional.empty();
    }

    private static Optional<X509Certificate> among(X509Certificate leaf, List<X509Certificate> candidates) {
        return candidates.stream().filter(c -> !c.equals(leaf) && CertificateFacts.issued(c, leaf)).findFirst();
    }

    /** DER, PEM or a certs-only PKCS#7: what caIssuers URLs serve. */
    @SuppressWarnings("unchecked")
    private static List<X509Certificate> parse(byte[] body) {
        try {
            return new ArrayList<>((java.util.Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body)));
        } catch (Exception e) {
            return List.of();
        }
    }
}

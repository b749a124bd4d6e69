package com.certtrack.tracking.checks;

import com.certtrack.tracking.outbound.OutboundHttp;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the certificate that issued a leaf: in the pasted chain, among our intermediates, then at its caIssuers
 * URLs. A pasted certificate may name any number of those, so at most {@code max-issuer-fetches} are fetched, at
 * once, within the check's deadline; the rest are named as skipped.
 */
@ApplicationScoped
public class IssuerLocator {

    public record Found(X509Certificate issuer, String source) {}

    /** The issuer, if found, and the caIssuers URLs that were not fetched. */
    public record Lookup(Optional<Found> found, List<String> skipped) {}

    private final KnownCertificates known;
    private final OutboundHttp http;
    private final int maxFetches;

    public IssuerLocator(KnownCertificates known, OutboundHttp http, ChecksConfig config) {
        this.known = known;
        this.http = http;
        this.maxFetches = config.maxIssuerFetches();
    }

    public Lookup find(X509Certificate leaf, List<X509Certificate> pasted, Instant deadline) {
        Optional<X509Certificate> issuer = among(leaf, pasted);
        if (issuer.isPresent()) {
            return new Lookup(Optional.of(new Found(issuer.get(), "PASTED_CHAIN")), List.of());
        }
        List<X509Certificate> ours = new ArrayList<>(known.ourIntermediates());
        ours.addAll(known.trustedRoots());
        issuer = among(leaf, ours);
        if (issuer.isPresent()) {
            return new Lookup(Optional.of(new Found(issuer.get(), "KNOWN_CERTIFICATES")), List.of());
        }
        List<String> urls = CertificateFacts.caIssuersUrls(leaf);
        List<String> fetched = urls.subList(0, Math.min(maxFetches, urls.size()));
        List<CompletableFuture<OutboundHttp.Answer>> answers = new ArrayList<>();
        for (String url : fetched) {
            answers.add(fetch(url, deadline));
        }
        for (CompletableFuture<OutboundHttp.Answer> pending : answers) {
            try {
                OutboundHttp.Answer answer = OutboundHttp.await(pending);
                if (answer.status() == 200) {
                    issuer = among(leaf, parse(answer.body()));
                    if (issuer.isPresent()) {
                        answers.forEach(other -> other.cancel(false));
                        return new Lookup(
                                Optional.of(new Found(issuer.get(), "AIA_CA_ISSUERS")),
                                urls.subList(fetched.size(), urls.size()));
                    }
                }
            } catch (OutboundHttp.Failure ignored) {
                // Reported as "issuer not found"; the next URL may work.
            }
        }
        return new Lookup(Optional.empty(), urls.subList(fetched.size(), urls.size()));
    }

    /** Started at once, so the fetches run side by side; each ends by the deadline. */
    private CompletableFuture<OutboundHttp.Answer> fetch(String url, Instant deadline) {
        try {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.toMillis() < 50) {
                return CompletableFuture.failedFuture(
                        new OutboundHttp.Failure(OutboundHttp.Kind.TIMEOUT, "the check's time budget was spent"));
            }
            return http.send(HttpMethod.GET, http.target(url), Map.of(), null, left);
        } catch (OutboundHttp.Failure failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    private static Optional<X509Certificate> among(X509Certificate leaf, List<X509Certificate> candidates) {
        return candidates.stream()
                .filter(c -> !c.equals(leaf) && CertificateFacts.issued(c, leaf))
                .findFirst();
    }

    /** DER, PEM or a certs-only PKCS#7: what caIssuers URLs serve. */
    @SuppressWarnings("unchecked")
    private static List<X509Certificate> parse(byte[] body) {
        try {
            return new ArrayList<>((java.util.Collection<X509Certificate>)
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body)));
        } catch (Exception e) {
            return List.of();
        }
    }
}

package com.certtrack.tracking.webhook;

import com.certtrack.checks.outbound.CheckedResolver;
import com.certtrack.checks.outbound.OutboundHttp;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.WebhookConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * POSTs signed webhook bodies through the outbound layer: the receiver's host is resolved and checked before every
 * attempt and the connection goes to that checked address (host name kept for SNI and certificate verification), so
 * a DNS answer that changes after the check cannot redirect the delivery. TLS trusts the JVM's CAs plus the
 * optional {@code trust-bundle}; redirects are not followed (a 3xx is a failed attempt, and cannot lead to an
 * internal address).
 */
@ApplicationScoped
public class WebhookHttpClient {

    /** What one attempt came to: an HTTP status, or an error without one. */
    public record Outcome(Integer httpStatus, String error) {
        boolean delivered() {
            return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
        }

        boolean gone() {
            return httpStatus != null && httpStatus == 410;
        }
    }

    private final OutboundHttp http;
    private final WebhookConfig config;
    private final WebhookUrlPolicy policy;

    @Inject
    public WebhookHttpClient(Vertx vertx, CheckedResolver resolver, WebhookUrlPolicy policy, TrackingConfig config) {
        this(vertx, resolver, policy, config.webhooks());
    }

    WebhookHttpClient(Vertx vertx, CheckedResolver resolver, WebhookUrlPolicy policy, WebhookConfig config) {
        this.config = config;
        this.policy = policy;
        this.http = new OutboundHttp(
                vertx,
                resolver,
                new OutboundHttp.Settings(
                        this.config.connectTimeout(),
                        this.config.requestTimeout(),
                        0,
                        "CertTrack-Webhooks/1",
                        trustManager(this.config),
                        Math.max(8, this.config.batchSize()),
                        true));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public CompletableFuture<Outcome> post(String url, String deliveryId, String secret, String body) {
        WebhookUrlPolicy.Checked checked;
        try {
            checked = policy.check(url);
        } catch (WebhookUrlPolicy.Refused refused) {
            return CompletableFuture.completedFuture(new Outcome(null, "URL " + refused.getMessage()));
        }
        URI uri = checked.uri();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var target = new OutboundHttp.Target(
                checked.host(), checked.address(), uri.getPort() > 0 ? uri.getPort() : 443, path, true);
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "webhook-id",
                deliveryId,
                "webhook-timestamp",
                Long.toString(timestamp),
                "webhook-signature",
                WebhookSignature.sign(secret, deliveryId, timestamp, body));
        return http.send(
                        HttpMethod.POST,
                        target,
                        headers,
                        body.getBytes(StandardCharsets.UTF_8),
                        config.requestTimeout())
                .thenApply(response -> new Outcome(
                        response.status(), response.status() / 100 == 2 ? null : "HTTP " + response.status()))
                .exceptionally(failure -> new Outcome(null, describe(failure)));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause instanceof OutboundHttp.Failure
                ? message
                : cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static X509TrustManager trustManager(WebhookConfig config) {
        try {
            for (TrustManager manager : trustManagers(config)) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("certtrack.tracking.webhooks.trust-bundle: " + e.getMessage(), e);
        }
    }

    /** The JVM's trust anchors, plus the bundle's certificates when one is configured. */
    private static TrustManager[] trustManagers(WebhookConfig config) throws GeneralSecurityException, IOException {
        TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jvm.init((KeyStore) null);
        if (config.trustBundle().isEmpty() || config.trustBundle().get().isBlank()) {
            return jvm.getTrustManagers();
        }
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        for (TrustManager manager : jvm.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("jvm-" + n++, anchor);
                }
            }
        }
        for (Certificate extra : bundle(config.trustBundle().get())) {
            anchors.setCertificateEntry("bundle-" + n++, extra);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(anchors);
        return combined.getTrustManagers();
    }

    private static Collection<? extends Certificate> bundle(String value) throws GeneralSecurityException, IOException {
        String pem = value.strip().startsWith("-----BEGIN") ? value : Files.readString(Path.of(value.strip()));
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the trust bundle");
        }
        return certificates;
    }
}

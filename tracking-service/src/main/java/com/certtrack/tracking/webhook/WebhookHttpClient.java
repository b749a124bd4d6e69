package com.certtrack.tracking.webhook;

import com.certtrack.tracking.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * POSTs signed webhook bodies. TLS trusts the JVM's CAs plus the optional {@code trust-bundle}; host names are
 * verified; redirects are not followed (a 3xx is a failed attempt, and cannot lead to an internal address).
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

    private final HttpClient client;
    private final WebhookConfig config;
    private final WebhookUrlPolicy policy;

    public WebhookHttpClient(TrackingConfig config) {
        this.config = config.webhooks();
        this.policy = new WebhookUrlPolicy(this.config.allowPrivateAddresses());
        this.client = HttpClient.newBuilder()
                .sslContext(sslContext(this.config))
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public CompletableFuture<Outcome> post(String url, String deliveryId, String secret, String body) {
        URI uri;
        try {
            uri = WebhookUrlPolicy.parse(url);
            policy.checkAddresses(uri);
        } catch (WebhookUrlPolicy.Refused refused) {
            return CompletableFuture.completedFuture(new Outcome(null, "URL refused: " + refused.getMessage()));
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "CertTrack-Webhooks/1")
                .header("webhook-id", deliveryId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, deliveryId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Outcome(response.statusCode(),
                        response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode()))
                .exceptionally(failure -> new Outcome(null, describe(failure)));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static SSLContext sslContext(WebhookConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(config), null);
            return context;
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

    private static Collection<? extends Certificate> bundle(String value) throws GeneralSecurityException,
            IOException {
        String pem = value.strip().startsWith("-----BEGIN") ? value : Files.readString(Path.of(value.strip()));
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the trust bundle");
        }
        return certificates;
    }
}

package com.certtrack.systemtests;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer's webhook endpoint: HTTPS on loopback with a self-signed certificate (its PEM is the trust bundle the
 * tracking-service gets), answering 200 and keeping every request to check its Standard Webhooks signature.
 */
final class WebhookReceiver implements AutoCloseable {

    record Delivery(String id, String timestamp, String signature, String body) {

        /** {@code v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>} among the header's space-separated values. */
        boolean signedWith(String secret) {
            try {
                byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                String expected = "v1,"
                        + Base64.getEncoder()
                                .encodeToString(mac.doFinal(
                                        (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return signature != null && Arrays.asList(signature.split(" ")).contains(expected);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private final LoopbackHttps server;
    private final Path trustBundle;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    WebhookReceiver(Path folder) {
        LoopbackHttps.SelfSigned identity = LoopbackHttps.selfSigned();
        try {
            trustBundle = Files.writeString(
                    Files.createDirectories(folder).resolve("webhook-receiver.pem"), Pems.pem(identity.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new LoopbackHttps(identity.key(), List.of(identity.certificate()), this::receive);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        deliveries.add(new Delivery(
                headers.getFirst("webhook-id"),
                headers.getFirst("webhook-timestamp"),
                headers.getFirst("webhook-signature"),
                body));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** The endpoint URL a customer types into the portal. */
    String url() {
        return "https://localhost:" + server.port() + "/certtrack-events";
    }

    /** PEM of the receiver's certificate: the tracking-service's webhook trust bundle. */
    Path trustBundle() {
        return trustBundle;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        server.close();
    }
}

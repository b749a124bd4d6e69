package com.certtrack.tracking.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A customer's webhook receiver: JDK HttpsServer on loopback (a free port), certificate from {@link WebhookTestCa}.
 * Each path answers by its own rule; every request is recorded as received.
 */
final class LoopbackWebhookReceiver implements AutoCloseable {

    record Received(String path, String id, String timestamp, String signature, String body, Instant at) {}

    /** The HTTP status to answer the n-th request (1-based) carrying one webhook-id. */
    @FunctionalInterface
    interface Rule {
        int status(int nthForThisId);
    }

    private final HttpsServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();

    LoopbackWebhookReceiver() {
        this(WebhookTestCa.ca());
    }

    /** A receiver whose TLS certificate is signed by {@code ca}. */
    LoopbackWebhookReceiver(WebhookTestCa.Ca ca) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverContext()));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    path,
                    id,
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    body,
                    Instant.now()));
            int n = seen.merge(path + " " + id, 1, Integer::sum);
            int status = rules.getOrDefault(path, nth -> 200).status(n);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** An https URL of this receiver answering by {@code rule}. */
    String url(String path, Rule rule) {
        rules.put(path, rule);
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests to {@code path} match. */
    List<Received> await(String path, Predicate<Received> match, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> at(path).stream().filter(match).count() >= count);
        return at(path).stream().filter(match).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

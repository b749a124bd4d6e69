package com.certtrack.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Places orders as a careful API client does: one Idempotency-Key per order, and on a refused connection, a reset, a
 * timeout or a 5xx it tries again with the same key, so an order the service accepted is never placed twice. Counts
 * what the client saw fail along the way.
 */
final class RetryingOrderClient {

    record Placed(String orderNumber, List<String> lineIds, int attempts) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final AtomicInteger failedAttempts = new AtomicInteger();

    /** Attempts that did not end in 201/200: refused, reset, timed out or 5xx, each retried. */
    int failedAttempts() {
        return failedAttempts.get();
    }

    Placed place(String baseUrl, Object body, Duration giveUpAfter) {
        String key = UUID.randomUUID().toString();
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        Instant deadline = Instant.now().plus(giveUpAfter);
        int attempts = 0;
        String last = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            attempts++;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    JsonNode order = JSON.readTree(response.body());
                    List<String> lines = new ArrayList<>();
                    order.path("lines")
                            .forEach(line -> lines.add(line.path("lineId").asText()));
                    return new Placed(order.path("orderNumber").asText(), lines, attempts);
                }
                if (response.statusCode() < 500) {
                    throw new AssertionError("order refused with " + response.statusCode() + ": " + response.body());
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            failedAttempts.incrementAndGet();
            pause(250);
        }
        throw new AssertionError(
                "order not accepted within " + giveUpAfter + " (" + attempts + " attempts, last: " + last + ")");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

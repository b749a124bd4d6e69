package com.certtrack.tracking.webhook;

import static com.certtrack.tracking.webhook.WebhookTestEvents.accessToken;
import static com.certtrack.tracking.webhook.WebhookTestEvents.newCustomer;
import static com.certtrack.tracking.webhook.WebhookTestEvents.orderedAndSubmitted;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.tracking.bench.BenchTable;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end: {@code CaOrderStatusChanged} records produced on {@code ca-orders.v1} as ca-gateway
 * does (one long-lived producer, acks=all), projected into the view, turned into delivery rows, claimed by the
 * delivery job, signed and POSTed over TLS to a loopback receiver. Latency is the event's {@code occurredAt} to the
 * receiver's arrival time (same clock, same JVM). A second row writes as many deliveries straight into the table,
 * already due, and times the delivery job alone. Baseline in the same run: as many signed POSTs of the same body
 * straight from this JVM to the same receiver with the JDK HttpClient (the HTTPS floor of the machine), as many at
 * once as the job keeps in flight, and one at a time. Tagged "bench", so not in the normal run:
 * <pre>
 * ./mvnw -o -q test -pl tracking-service -Dtest=WebhookBenchmark -Dtracking.excludedGroups=none \
 *     -Dbench.webhook.events=500 -Dbench.webhook.lines=25 -Dbench.webhook.paced-events=50 -Dbench.webhook.rate=5
 * </pre>
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(WebhookTestCa.class)
class WebhookBenchmark {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @ConfigProperty(name = "certtrack.tracking.webhooks.batch-size", defaultValue = "20")
    int batchSize;

    @ConfigProperty(name = "certtrack.tracking.webhooks.poll-interval", defaultValue = "1s")
    String pollInterval;

    /** One delivery as the receiver saw it, with the latency of the change it announces. */
    private record Arrival(String webhookId, String body, Instant occurredAt, Instant at) {
        long latencyNanos() {
            return Duration.between(occurredAt, at).toNanos();
        }
    }

    /** What one run of published events came to. */
    private record Run(List<Arrival> arrivals, Instant firstPublished, Duration publishing) {
        long elapsedNanos() {
            Instant last =
                    arrivals.stream().map(Arrival::at).max(Instant::compareTo).orElseThrow();
            return Duration.between(firstPublished, last).toNanos();
        }

        List<Long> latencies() {
            return arrivals.stream().map(Arrival::latencyNanos).toList();
        }
    }

    @Test
    void deliveriesPerSecondAndLatencyFromEventToReceiver() throws Exception {
        int events = Integer.getInteger("bench.webhook.events", 500);
        int lineCount = Integer.getInteger("bench.webhook.lines", 25);
        int pacedEvents = Integer.getInteger("bench.webhook.paced-events", 50);
        double rate = Double.parseDouble(System.getProperty("bench.webhook.rate", "5"));
        BenchTable table = new BenchTable("tracking-service webhook delivery");

        try (LoopbackWebhookReceiver receiver = new LoopbackWebhookReceiver();
                Events changes = new Events()) {
            // One customer's lines, each with its own endpoint on one receiver URL: every status change is delivered.
            String customer = newCustomer();
            List<WebhookTestEvents.Line> lines = IntStream.range(0, lineCount)
                    .mapToObj(i -> orderedAndSubmitted(customer))
                    .toList();
            String path = "/bench/" + UUID.randomUUID();
            Map<String, String> secrets = new HashMap<>();
            for (WebhookTestEvents.Line line : lines) {
                secrets.put(
                        line.lineId(),
                        given().auth()
                                .oauth2(accessToken(line))
                                .contentType(ContentType.JSON)
                                .body(Map.of("url", receiver.url(path, nth -> 200), "scope", "LINE"))
                                .post("/api/tracking/webhooks")
                                .then()
                                .statusCode(201)
                                .extract()
                                .path("secret"));
            }
            String secret = secrets.get(lines.get(0).lineId());
            changes.lines(lines);

            run(changes, receiver, path, secrets, 2 * batchSize, 0); // warm-up: consumers, connections, JIT
            Instant burstStart = Instant.now();
            Run burst = run(changes, receiver, path, secrets, events, 0);
            // How long the projection took to write the burst's delivery rows: the part not up to the dispatcher.
            String enqueuing = WebhookTestEvents.scalar(
                    "SELECT round(extract(epoch FROM max(created_at) - ?) * 1000) "
                            + "FROM tracking.webhook_delivery WHERE created_at >= ?",
                    java.sql.Timestamp.from(burstStart),
                    java.sql.Timestamp.from(burstStart));
            Run paced = pacedEvents > 0 ? run(changes, receiver, path, secrets, pacedEvents, rate) : null;

            String body = burst.arrivals().get(0).body();
            Run due = due(receiver, path, secrets, lines, body, events);
            HttpClient client = client();
            post(client, receiver, "/warm-up/" + UUID.randomUUID(), secret, body, 2 * batchSize, batchSize);
            Run concurrent = post(client, receiver, "/baseline/" + UUID.randomUUID(), secret, body, events, batchSize);
            Run sequential = post(client, receiver, "/sequential/" + UUID.randomUUID(), secret, body, events, 1);

            table.row(
                    "webhooks: burst of " + events + " status events, occurredAt -> receiver",
                    burst.latencies(),
                    burst.elapsedNanos());
            table.row(
                    "webhooks: " + events + " deliveries already due (no projection), commit -> receiver",
                    due.latencies(),
                    due.elapsedNanos());
            if (paced != null) {
                table.row(
                        "webhooks: " + pacedEvents + " events paced at " + rate + "/s, occurredAt -> receiver",
                        paced.latencies(),
                        paced.elapsedNanos());
            }
            table.row(
                    "baseline: " + events + " signed POSTs, JDK HttpClient, " + batchSize + " at once",
                    concurrent.latencies(),
                    concurrent.elapsedNanos());
            table.row(
                    "baseline: " + events + " signed POSTs, JDK HttpClient, one at a time",
                    sequential.latencies(),
                    sequential.elapsedNanos());
            table.note("per s = deliveries (or POSTs) per second from the first event published to the last arrival;"
                    + " latency from the event's occurredAt (baseline: from the send) to the receiver's arrival.");
            table.note("the burst's delivery rows were all written (by the projection) " + enqueuing
                    + " ms after its first event was published.");
            table.note(String.format(
                    "%d lines of one customer, one endpoint each on one URL; publishing the burst took %d ms;"
                            + " delivery job: a window of %d requests in flight, refilled as each ends and"
                            + " after each commit that enqueues, else polls every %s.",
                    lineCount, burst.publishing().toMillis(), batchSize, pollInterval));
            table.note("payload " + body.length() + " bytes; receiver: JDK HttpsServer on 127.0.0.1, ECDSA P-256.");
        }
        table.publish();
    }

    /** Publishes {@code count} status changes (all at once when {@code rate} is 0) and waits for their delivery. */
    /** @param secrets each line's endpoint secret */
    private static Run run(
            Events changes,
            LoopbackWebhookReceiver receiver,
            String path,
            Map<String, String> secrets,
            int count,
            double rate)
            throws Exception {
        Instant first = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                LockSupport.parkNanos(start + (long) (i / rate * 1e9) - System.nanoTime());
            }
            changes.next();
        }
        changes.flush();
        Duration publishing = Duration.ofNanos(System.nanoTime() - start);
        List<Arrival> arrivals = awaitArrivals(receiver, path, count, first);
        for (Arrival arrival : arrivals) {
            String lineId = WebhookTestEvents.JSON
                    .readTree(arrival.body())
                    .get("lineId")
                    .asText();
            assertSigned(receiver, path, arrival, secrets.get(lineId));
        }
        return new Run(arrivals, first, publishing);
    }

    /**
     * {@code count} deliveries written straight into the table in one commit, already due, then one ping to wake the
     * dispatcher: what the dispatcher alone delivers per second, without the projection that writes them normally.
     */
    private static Run due(
            LoopbackWebhookReceiver receiver,
            String path,
            Map<String, String> secrets,
            List<WebhookTestEvents.Line> lines,
            String body,
            int count)
            throws Exception {
        Instant written = Instant.now();
        Instant first;
        String token = accessToken(lines.get(0));
        String endpoint = given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(200)
                .extract()
                .path("webhooks[0].id");
        var template = (com.fasterxml.jackson.databind.node.ObjectNode) WebhookTestEvents.JSON.readTree(body);
        try (var c = WebhookTestEvents.connection();
                var insert = c.prepareStatement("INSERT INTO "
                        + "tracking.webhook_delivery (id, endpoint_id, source_key, event_type, line_id, payload, status, "
                        + "attempts, next_attempt_at, created_at) SELECT gen_random_uuid(), e.id, ?, 'line.status_changed', "
                        + "e.owner_line_id, ?, 'PENDING', 0, now(), now() FROM tracking.webhook_endpoint e "
                        + "WHERE e.owner_line_id = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                WebhookTestEvents.Line line = lines.get(i % lines.size());
                template.put("lineId", line.lineId())
                        .put("orderNumber", line.orderNumber())
                        .put("occurredAt", Instant.now().toString());
                insert.setString(1, "bench-due:" + UUID.randomUUID());
                insert.setString(2, WebhookTestEvents.JSON.writeValueAsString(template));
                insert.setString(3, line.lineId());
                insert.addBatch();
            }
            insert.executeBatch();
            first = Instant.now();
            c.commit();
        }
        given().auth()
                .oauth2(token)
                .post("/api/tracking/webhooks/" + endpoint + "/ping")
                .then()
                .statusCode(202);
        List<Arrival> arrivals = awaitArrivals(receiver, path, count + 1, written).stream()
                .filter(arrival -> !arrival.body().contains("\"type\":\"ping\""))
                .toList();
        assertEquals(count, arrivals.size());
        for (Arrival arrival : arrivals) {
            String lineId = WebhookTestEvents.JSON
                    .readTree(arrival.body())
                    .get("lineId")
                    .asText();
            assertSigned(receiver, path, arrival, secrets.get(lineId));
        }
        return new Run(arrivals, first, Duration.ZERO);
    }

    /** The deliveries of changes that occurred at or after {@code since}, once {@code count} of them arrived. */
    private static List<Arrival> awaitArrivals(LoopbackWebhookReceiver receiver, String path, int count, Instant since)
            throws Exception {
        List<Arrival> arrivals = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int read = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (arrivals.size() < count) {
            assertTrue(System.nanoTime() < deadline, "only " + arrivals.size() + " of " + count + " delivered");
            List<LoopbackWebhookReceiver.Received> received = receiver.at(path);
            for (; read < received.size(); read++) {
                var r = received.get(read);
                Instant occurredAt = Instant.parse(WebhookTestEvents.JSON
                        .readTree(r.body())
                        .get("occurredAt")
                        .asText());
                if (!occurredAt.isBefore(since)) {
                    assertTrue(ids.add(r.id()), "each change delivered once: " + r.id());
                    arrivals.add(new Arrival(r.id(), r.body(), occurredAt, r.at()));
                }
            }
            Thread.sleep(100);
        }
        assertEquals(count, arrivals.size());
        return arrivals;
    }

    private static void assertSigned(LoopbackWebhookReceiver receiver, String path, Arrival arrival, String secret) {
        var received = receiver.at(path).stream()
                .filter(r -> r.id().equals(arrival.webhookId()))
                .findFirst()
                .orElseThrow();
        String expected =
                WebhookSignature.sign(secret, received.id(), Long.parseLong(received.timestamp()), received.body());
        assertTrue(received.signature().contains(expected), "signed with the endpoint's secret");
    }

    /** {@code count} signed POSTs of {@code body}, {@code concurrency} in flight, timed to the receiver's arrival. */
    private static Run post(
            HttpClient client,
            LoopbackWebhookReceiver receiver,
            String path,
            String secret,
            String body,
            int count,
            int concurrency)
            throws Exception {
        URI uri = URI.create(receiver.url(path, nth -> 200));
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Integer>> answers = new ArrayList<>(count);
        Instant first = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            String id = UUID.randomUUID().toString();
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            sentAt.put(id, Instant.now());
            answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode)
                    .whenComplete((status, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        Duration sending = Duration.ofNanos(System.nanoTime() - start);
        answers.forEach(answer -> assertEquals(200, answer.join()));
        List<Arrival> arrivals = receiver.at(path).stream()
                .map(r -> new Arrival(r.id(), r.body(), sentAt.get(r.id()), r.at()))
                .toList();
        assertEquals(count, arrivals.size());
        return new Run(arrivals, first, sending);
    }

    /** The service's client settings: TLS trusting the test CA (as the service's trust bundle does), no redirects. */
    private static HttpClient client() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("webhook-test-ca", WebhookTestCa.ca().root());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Status changes as ca-gateway's relay publishes them (key = order number): the lines take turns, each one
     * going back and forth between PENDING_VALIDATION and SUBMITTED (a DCV recheck), so every event is a change.
     */
    private static final class Events implements AutoCloseable {
        private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        private final Map<String, CaOrderStatus> current = new HashMap<>();
        private List<WebhookTestEvents.Line> lines = List.of();
        private int turn;

        void lines(List<WebhookTestEvents.Line> lines) {
            this.lines = lines;
            lines.forEach(line -> current.put(line.lineId(), CaOrderStatus.PENDING_VALIDATION));
        }

        void next() throws Exception {
            WebhookTestEvents.Line line = lines.get(turn++ % lines.size());
            CaOrderStatus previous = current.get(line.lineId());
            CaOrderStatus status = previous == CaOrderStatus.PENDING_VALIDATION
                    ? CaOrderStatus.SUBMITTED
                    : CaOrderStatus.PENDING_VALIDATION;
            current.put(line.lineId(), status);
            var event = CaOrderStatusChanged.of(
                    UUID.randomUUID(),
                    Instant.now(),
                    line.orderNumber(),
                    line.lineId(),
                    "CA-" + line.lineId(),
                    line.caReferenceHash(),
                    status,
                    previous,
                    WebhookTestEvents.domains(line, DcvStatus.PENDING),
                    null,
                    null);
            producer.send(new ProducerRecord<>(
                    Topics.CA_ORDERS, line.orderNumber(), WebhookTestEvents.JSON.writeValueAsString(event)));
        }

        void flush() {
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}

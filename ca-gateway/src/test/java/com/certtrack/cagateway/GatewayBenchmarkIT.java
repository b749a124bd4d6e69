package com.certtrack.cagateway;

import static com.certtrack.cagateway.GatewayTestData.SUBMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaSubmission;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lines submitted per second against the stand-in CA (a real process, DCV auto-approved, so each line is also
 * issued at once): a burst of orders with one certificate line each is published on {@code orders.v1}, and the rate
 * runs from the first record sent to the last {@code CaOrderSubmitted} on {@code ca-orders.v1} (intake, claim, CA
 * call, record and outbox relay included). Baseline in the same run: as many submissions straight through the
 * gateway's CA adapter, as many at once as the gateway keeps in flight. Then a second instance joins (this
 * module's jar, same database and consumer group) and the burst is repeated. Tagged "bench", so not in the normal
 * run:
 * <pre>
 * ./mvnw -o -q verify -pl ca-gateway -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=GatewayBenchmarkIT -Dgateway.excludedGroups=none -Dbench.gateway.lines=1000
 * </pre>
 * The table is printed and written to {@code ca-gateway/target/bench/gateway.txt}.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(StandInCaResource.class)
@Tag("bench")
class GatewayBenchmarkIT {

    private static final int LINES = Integer.getInteger("bench.gateway.lines", 1000);
    private static final int CONCURRENCY = 8;

    @Inject
    CaAdapter ca;

    @Test
    void linesSubmittedPerSecond() throws Exception {
        burst(Math.min(50, LINES)); // warm-up: JIT, connection pools, the CA's caches

        double direct = direct(LINES);
        double one = burst(LINES);
        double two;
        try (QuarkusProcess second = QuarkusProcess.start("ca-gateway", GatewayTestData.secondInstanceConfig())) {
            burst(Math.min(50, LINES)); // the second instance joins the group and warms up
            two = burst(LINES);
        }

        String table = String.format("""
                | ca-gateway, %d lines (one certificate line per order) | lines/s | ratio |
                |---|---|---|
                | direct: CA adapter calls, %d at once (baseline) | %.0f | 1.00 |
                | one instance: orders.v1 -> CaOrderSubmitted | %.0f | %.2f |
                | two instances | %.0f | %.2f (two / one: %.2f) |
                """, LINES, CONCURRENCY, direct, one, one / direct, two, two / direct, two / one);
        System.out.println(table);
        Path out = Path.of("target", "bench", "gateway.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /** @return lines/s from the first record published to the last CaOrderSubmitted */
    private static double burst(int lines) throws Exception {
        List<OrderPlaced> orders = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            orders.add(GatewayTestData.order(GatewayTestData.newOrderNumber(), Product.DV_SINGLE));
        }
        Set<String> ours = orders.stream().map(OrderPlaced::orderNumber).collect(Collectors.toSet());
        try (TopicReader reader = TopicReader.fromBeginning(Topics.CA_ORDERS);
                KafkaProducer<String, String> producer = producer()) {
            long start = System.currentTimeMillis();
            for (OrderPlaced order : orders) {
                producer.send(new ProducerRecord<>(Topics.ORDERS, order.orderNumber(), GatewayTestData.write(order)));
            }
            producer.flush();
            List<ConsumerRecord<String, String>> submitted = reader.await(
                    r -> ours.contains(r.key()) && r.value().contains(SUBMITTED), lines, Duration.ofSeconds(300));
            assertEquals(
                    lines,
                    submitted.stream()
                            .map(ConsumerRecord::key)
                            .collect(Collectors.toSet())
                            .size());
            long last = submitted.stream()
                    .mapToLong(ConsumerRecord::timestamp)
                    .max()
                    .orElseThrow();
            return lines * 1000.0 / Math.max(1, last - start);
        }
    }

    /** @return lines/s of the same CA calls without the gateway around them */
    private double direct(int lines) throws Exception {
        List<CaSubmission> submissions = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            String domain = "direct-" + UUID.randomUUID().toString().substring(0, 12) + ".example";
            submissions.add(new CaSubmission(
                    "DIRECT-" + UUID.randomUUID(),
                    Product.DV_SINGLE,
                    List.of(domain),
                    DcvMethod.HTTP_FILE,
                    TestCsr.forDomains(domain).pem(),
                    90,
                    null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            Instant start = Instant.now();
            List<Future<?>> calls = new ArrayList<>();
            for (CaSubmission submission : submissions) {
                calls.add(pool.submit(() -> ca.submit(submission)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            return lines
                    * 1000.0
                    / Math.max(1, Duration.between(start, Instant.now()).toMillis());
        } finally {
            pool.shutdown();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
    }
}

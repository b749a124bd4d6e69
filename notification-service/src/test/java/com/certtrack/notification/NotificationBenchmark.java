package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.infra.servers.MailServer;
import com.certtrack.support.events.EventCodec;
import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of the whole path: event produced on Kafka -> consumed -> mail job -> rendered (shipment
 * e-mails unseal their CA Reference) -> SMTP -> in the GreenMail mailbox. Tagged "bench", so not in the normal
 * run. Each order is one OrderPlaced plus one CaOrderSubmitted: two e-mails. Run with
 * <pre>
 * ./mvnw -o -q test -pl notification-service -Dtest=NotificationBenchmark -Dnotification.excludedGroups=none \
 *     -Dbench.orders=300 -Dbench.rate=0
 * </pre>
 * {@code bench.rate} = orders per second to produce at (0 = all at once, which measures throughput; a rate below
 * the throughput measures latency without a backlog). Prints the figures and appends them to
 * {@code target/bench-notifications.txt}.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(ClosedSmtpTestResource.class)
class NotificationBenchmark {

    @Inject
    EventCodec codec;

    @Inject
    io.agroal.api.AgroalDataSource db;

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    private record Order(String number, OrderPlaced placed, CaOrderSubmitted submitted) {}

    @Test
    void mailsPerSecondAndLatencyFromEventToMailbox() throws Exception {
        int orders = Integer.getInteger("bench.orders", 300);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "0"));
        try (MailServer smtp = MailServer.start(smtpPort, TestInfrastructure.freePort());
                Events events = new Events(codec)) {
            // Warm-up: consumers assigned, connections and JIT warm; not measured.
            List<Order> warmUp = prepare(20);
            warmUp.forEach(order -> send(events, order, new ConcurrentHashMap<>()));
            events.flush();
            awaitMails(
                    smtp,
                    40,
                    Map.of(),
                    new ArrayList<>(),
                    System.nanoTime() + Duration.ofMinutes(3).toNanos());

            // Prepared (and sealed) before the clock starts: sealing is the CA gateway's cost, not ours.
            List<Order> measured = prepare(orders);
            Map<String, Long> producedAt = new ConcurrentHashMap<>();
            int alreadyReceived = smtp.greenMail().getReceivedMessages().length;
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            // The mailbox is watched while events are still being produced, so each mail is timed when it lands.
            var watcher = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return awaitMails(
                            smtp,
                            alreadyReceived + orders * 2,
                            producedAt,
                            latencies,
                            start + Duration.ofMinutes(10).toNanos());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < measured.size(); i++) {
                if (rate > 0) {
                    long due = start + (long) (i / rate * 1e9);
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                send(events, measured.get(i), producedAt);
            }
            events.flush();
            long produced = System.nanoTime();
            long last = watcher.get();
            assertEquals(orders * 2, latencies.size(), "every e-mail arrived");
            Collections.sort(latencies);
            double seconds = (last - start) / 1e9;
            String report = String.format(
                    "notification-service benchmark: %d orders, %d e-mails (confirmation + shipment per order), "
                            + "rate %s%n"
                            + "  producing took            %.2f s%n"
                            + "  first event -> last mail  %.2f s%n"
                            + "  throughput                %.1f e-mails/s%n"
                            + "  latency event -> mailbox  p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    orders,
                    orders * 2,
                    rate > 0 ? rate + " orders/s" : "burst",
                    (produced - start) / 1e9,
                    seconds,
                    orders * 2 / seconds,
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    latencies.get(latencies.size() - 1) / 1_000_000);
            report += queueTime(measured);
            System.out.println(report);
            Files.writeString(
                    Path.of("target/bench-notifications.txt"),
                    report,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** The sender's share: from the job's commit by the consumer to the SMTP server's acceptance. */
    private String queueTime(List<Order> measured) throws java.sql.SQLException {
        String[] numbers = measured.stream().map(Order::number).toArray(String[]::new);
        try (var connection = db.getConnection();
                var query = connection.prepareStatement(
                        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)), "
                                + "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) "
                                + "FROM mail_job WHERE order_number = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", numbers));
            try (var rows = query.executeQuery()) {
                rows.next();
                return String.format(
                        "  of which job queued -> sent (sender)  p50 %.0f ms, p99 %.0f ms%n",
                        rows.getDouble(1) * 1000, rows.getDouble(2) * 1000);
            }
        }
    }

    private static List<Order> prepare(int count) {
        List<Order> prepared = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String number = Events.newOrderNumber();
            OrderPlaced placed = Events.orderPlaced(
                    number,
                    Events.newRecipient(),
                    List.of(Events.certificateLine("L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "b.example.org")));
            CaOrderSubmitted submitted = Events.submitted(
                    number,
                    "L1",
                    Product.DV_SINGLE,
                    Events.newReference(),
                    CaOrderStatus.SUBMITTED,
                    List.of(Events.validated("b.example.org", DcvMethod.HTTP_FILE)));
            prepared.add(new Order(number, placed, submitted));
        }
        return prepared;
    }

    private static void send(Events events, Order order, Map<String, Long> producedAt) {
        producedAt.put(order.number() + "|order-confirmation", System.nanoTime());
        events.sendAsync(Topics.ORDERS, order.placed());
        producedAt.put(order.number() + "|shipment", System.nanoTime());
        events.sendAsync(Topics.CA_ORDERS, order.submitted());
    }

    /** Polls the server's received mail; @return when the last awaited mail was seen */
    private static long awaitMails(
            MailServer smtp, int total, Map<String, Long> producedAt, List<Long> latencies, long deadline)
            throws Exception {
        int seen = 0;
        long last = System.nanoTime();
        while (seen < total && System.nanoTime() < deadline) {
            MimeMessage[] received = smtp.greenMail().getReceivedMessages();
            long now = System.nanoTime();
            for (int i = seen; i < received.length; i++) {
                Long sentAt = producedAt.get(received[i].getHeader("X-CertTrack-Order", null) + "|"
                        + received[i].getHeader("X-CertTrack-Template", null));
                if (sentAt != null) {
                    latencies.add(now - sentAt);
                    last = now;
                }
            }
            seen = received.length;
            Thread.sleep(5);
        }
        return last;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0)) / 1_000_000;
    }
}

package com.certtrack.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of the whole path: event produced on Kafka -> consumed -> mail job -> rendered (shipment
 * e-mails unseal their CA Reference) -> SMTP -> in the GreenMail mailbox. Not part of the normal test run (tag
 * "bench"); run it with
 * {@code ./mvnw -o -q test -pl notification-service -Dtest=NotificationBenchmark -Dnotification.excludedGroups=none -Dbench.orders=500}.
 * Each order is one OrderPlaced plus one CaOrderSubmitted: two e-mails. Prints and writes
 * {@code target/bench-notifications.txt}.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(ClosedSmtpTestResource.class)
class NotificationBenchmark {

    @Inject
    EventCodec codec;

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    @Test
    void mailsPerSecondAndLatencyFromEventToMailbox() throws Exception {
        int orders = Integer.getInteger("bench.orders", 300);
        int expected = orders * 2;
        try (MailServer smtp = MailServer.start(smtpPort, TestInfrastructure.freePort());
                Events events = new Events(codec)) {
            // Prepared (and sealed) before the clock starts: sealing is the CA gateway's cost, not ours.
            List<Runnable> sends = new ArrayList<>();
            Map<String, Long> producedAt = new ConcurrentHashMap<>();
            for (int i = 0; i < orders; i++) {
                String order = Events.newOrderNumber();
                var placed = Events.orderPlaced(order, Events.newRecipient(),
                        List.of(Events.certificateLine("L1", Product.DV_SINGLE, DcvMethod.HTTP_FILE, "b.example.org")));
                var submitted = Events.submitted(order, "L1", Product.DV_SINGLE, Events.newReference(),
                        CaOrderStatus.SUBMITTED, List.of(Events.validated("b.example.org", DcvMethod.HTTP_FILE)));
                sends.add(() -> {
                    producedAt.put(order + "|order-confirmation", System.nanoTime());
                    events.send(Topics.ORDERS, placed);
                    producedAt.put(order + "|shipment", System.nanoTime());
                    events.send(Topics.CA_ORDERS, submitted);
                });
            }
            long start = System.nanoTime();
            sends.forEach(Runnable::run);
            long produced = System.nanoTime();

            List<Long> latencies = new ArrayList<>(expected);
            int seen = 0;
            long last = start;
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (latencies.size() < expected && System.nanoTime() < deadline) {
                MimeMessage[] received = smtp.greenMail().getReceivedMessages();
                long now = System.nanoTime();
                for (int i = seen; i < received.length; i++) {
                    String key = received[i].getHeader("X-CertTrack-Order", null) + "|"
                            + received[i].getHeader("X-CertTrack-Template", null);
                    Long sentAt = producedAt.get(key);
                    if (sentAt != null) {
                        latencies.add(now - sentAt);
                        last = now;
                    }
                }
                seen = received.length;
                Thread.sleep(5);
            }
            assertEquals(expected, latencies.size(), "every e-mail arrived");
            Collections.sort(latencies);
            double seconds = (last - start) / 1e9;
            String report = String.format(
                    "notification-service benchmark: %d orders, %d e-mails (confirmation + shipment per order)%n"
                            + "  produce time          %.2f s%n"
                            + "  first event -> last mail %.2f s%n"
                            + "  throughput            %.1f e-mails/s%n"
                            + "  latency event->mailbox p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    orders, expected, (produced - start) / 1e9, seconds, expected / seconds,
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies.get(latencies.size() - 1) / 1_000_000);
            System.out.println(report);
            Files.writeString(Path.of("target/bench-notifications.txt"), report);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(index, 0)) / 1_000_000;
    }
}

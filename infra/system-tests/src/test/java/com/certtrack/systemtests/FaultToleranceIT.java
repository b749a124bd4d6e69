package com.certtrack.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.QuarkusProcess;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * N orders flow while every service in turn is killed with SIGKILL and restarted, and the broker is stopped and
 * started once. Afterwards every accepted order has exactly one confirmation and one shipment e-mail per line (read
 * over IMAP, one recipient per order), no e-mail twice, every certificate line is ISSUED in tracking-service, and every CaaS line's
 * EAB credentials can be revealed. N is {@code -Dcerttrack.fault.orders} (40 by default; the benchmark runs 500).
 * Alone: the other system tests share the stack and run side by side, but not while its processes are killed.
 */
@Isolated
class FaultToleranceIT {

    private static final int ORDERS = Integer.getInteger("certtrack.fault.orders", 40);
    private static final long PACE_MS = Long.getLong("certtrack.fault.pace-ms", 100);
    private static final List<String> KILLED_IN_TURN =
            List.of("order-service", "ca-gateway", "tracking-service", "notification-service", "eab-service");

    /** One order of the run: its recipient, what it ordered, and what order-service answered. */
    private record Sent(
            int index, String email, int certificateLines, int caasLines, RetryingOrderClient.Placed placed) {
        int lines() {
            return certificateLines + caasLines;
        }
    }

    @Test
    void noOrderLostAndNoEmailDuplicatedWhileEveryProcessIsKilledInTurn() throws Exception {
        Map<String, QuarkusProcess> services = Stack.services();
        String run = UUID.randomUUID().toString().substring(0, 6);
        RetryingOrderClient client = new RetryingOrderClient();
        List<Runnable> faults = new ArrayList<>();
        Map<String, Long> recovery = new LinkedHashMap<>();
        for (String name : KILLED_IN_TURN) {
            faults.add(() -> recovery.put("kill -9 " + name, timed(() -> {
                services.get(name).kill();
                RetryingOrderClient.pause(500);
                services.get(name).restart();
            })));
        }
        faults.add(() -> recovery.put("broker stop+start", timed(() -> {
            var broker = TestInfrastructure.kafka().process();
            broker.stop();
            RetryingOrderClient.pause(1000);
            broker.start();
        })));

        // The orders come in slices; slice k+1 is released as fault k begins, so orders are placed and in flight
        // (outbox, topics, CA, mail) while each process is down.
        int slices = faults.size() + 1;
        AtomicInteger released = new AtomicInteger(sliceEnd(0, slices));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger placedCount = new AtomicInteger();
        Map<Integer, Sent> sent = new ConcurrentHashMap<>();
        Instant started = Instant.now();
        ExecutorService placers = Executors.newFixedThreadPool(2);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            workers.add(placers.submit(() -> {
                for (int i = next.getAndIncrement(); i < ORDERS; i = next.getAndIncrement()) {
                    while (i >= released.get()) {
                        RetryingOrderClient.pause(50);
                    }
                    sent.put(i, place(client, run, i));
                    placedCount.incrementAndGet();
                    RetryingOrderClient.pause(PACE_MS);
                }
                return null;
            }));
        }
        for (int k = 0; k < faults.size(); k++) {
            int sliceDone = sliceEnd(k, slices);
            awaitCount(placedCount, sliceDone, workers);
            released.set(sliceEnd(k + 1, slices));
            faults.get(k).run();
        }
        released.set(ORDERS);
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.MINUTES);
        }
        placers.shutdown();
        Duration placing = Duration.between(started, Instant.now());

        // Every order the service accepted is there, by its number.
        List<Sent> orders = new ArrayList<>(sent.values());
        Collections.sort(orders, (a, b) -> Integer.compare(a.index(), b.index()));
        long unreadable = orders.stream()
                .filter(o -> given().baseUri(Stack.url("order-service"))
                                .get("/api/orders/" + o.placed().orderNumber())
                                .statusCode()
                        != 200)
                .count();

        Map<String, List<Mailbox.Received>> mail = awaitMail(orders);
        long lost = unreadable;
        long duplicates = 0;
        List<String> problems = new ArrayList<>();
        List<String> certificateReferences = new ArrayList<>();
        List<String> caasReferences = new ArrayList<>();
        for (Sent order : orders) {
            List<Mailbox.Received> mails = mail.get(order.email());
            Map<String, Integer> expected = Map.of(
                    ShipmentMails.CONFIRMATION,
                    1,
                    ShipmentMails.SHIPMENT,
                    order.certificateLines(),
                    ShipmentMails.CAAS_SHIPMENT,
                    order.caasLines());
            // "Issued" is not sent for a line the CA issues at submission; when it is sent, never twice.
            duplicates += Math.max(0, ShipmentMails.count(mails, ShipmentMails.ISSUED) - order.certificateLines());
            for (var e : expected.entrySet()) {
                long got = ShipmentMails.count(mails, e.getKey());
                lost += Math.max(0, e.getValue() - got);
                duplicates += Math.max(0, got - e.getValue());
                if (got != e.getValue()) {
                    problems.add(order.placed().orderNumber() + " " + e.getKey() + ": " + got + " of " + e.getValue());
                }
            }
            ShipmentMails.of(mails, ShipmentMails.SHIPMENT)
                    .forEach(m -> ShipmentMails.reference(m).ifPresent(certificateReferences::add));
            ShipmentMails.of(mails, ShipmentMails.CAAS_SHIPMENT)
                    .forEach(m -> ShipmentMails.reference(m).ifPresent(caasReferences::add));
        }

        // Every certificate line is ISSUED as tracking-service shows it; every CaaS line's credentials reveal.
        long notIssued = 0;
        for (int i = 0; i < certificateReferences.size(); i++) {
            if (!awaitIssued(certificateReferences.get(i), "198.18.1." + (i % 250 + 1))) {
                notIssued++;
                problems.add("not ISSUED: line " + i);
            }
        }
        long unrevealed = caasReferences.stream()
                .filter(reference -> given().baseUri(Stack.url("eab-service"))
                                .contentType(ContentType.JSON)
                                .header("X-Forwarded-For", "198.18.2.1")
                                .body(Map.of("caReference", reference))
                                .post("/api/caas/credentials")
                                .statusCode()
                        != 200)
                .count();
        lost += notIssued + unrevealed;

        int expectedCertificates =
                orders.stream().mapToInt(Sent::certificateLines).sum();
        System.out.printf(
                "FaultToleranceIT: %d orders placed in %d s (%d client-visible failed attempts, all retried "
                        + "with the same Idempotency-Key); recovery per fault (ms): %s%n",
                orders.size(), placing.toSeconds(), client.failedAttempts(), recovery);
        System.out.printf(
                "FaultToleranceIT: %d certificate lines ISSUED of %d, %d CaaS credentials revealed of %d%n",
                certificateReferences.size() - notIssued,
                expectedCertificates,
                caasReferences.size() - unrevealed,
                orders.stream().mapToInt(Sent::caasLines).sum());
        System.out.printf("lost = %d, duplicates = %d%n", lost, duplicates);

        assertEquals(ORDERS, orders.size(), "every order was accepted in the end");
        assertEquals(expectedCertificates, certificateReferences.size(), "a reference per certificate line");
        assertTrue(problems.isEmpty(), problems.stream().limit(20).toList().toString());
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicates, "duplicates");
    }

    /** Every fourth order also has a CaaS line, so eab-service has work while it is killed too. */
    private static Sent place(RetryingOrderClient client, String run, int i) {
        String email = "fault-" + run + "-" + i + "@example.com";
        String domain = "f" + i + "-" + run + ".example.com";
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of(
                "product",
                "DV_SINGLE",
                "domains",
                List.of(domain),
                "dcvMethod",
                "DNS_TXT",
                "csr",
                TestCsr.forDomains(domain).pem()));
        boolean caas = i % 4 == 3;
        if (caas) {
            lines.add(Map.of("product", "CAAS", "term", 12));
        }
        Map<String, Object> body =
                Map.of("customer", Map.of("name", "Fault Test " + i, "email", email), "lines", lines);
        return new Sent(
                i, email, 1, caas ? 1 : 0, client.place(Stack.url("order-service"), body, Duration.ofMinutes(3)));
    }

    private static int sliceEnd(int slice, int slices) {
        return Math.min(ORDERS, (int) Math.ceil((double) ORDERS * (slice + 1) / slices));
    }

    private static void awaitCount(AtomicInteger count, int target, List<Future<?>> workers) throws Exception {
        while (count.get() < target) {
            for (Future<?> worker : workers) {
                if (worker.isDone()) {
                    worker.get(); // surfaces a placement that gave up
                }
            }
            RetryingOrderClient.pause(50);
        }
    }

    /** Reads every recipient's mailbox until each has what it expects, then once more after a quiet spell. */
    private static Map<String, List<Mailbox.Received>> awaitMail(List<Sent> orders) {
        Map<String, List<Mailbox.Received>> mail = new HashMap<>();
        List<Sent> waiting = new ArrayList<>(orders);
        Instant deadline = Instant.now().plusSeconds(Math.max(180, ORDERS));
        while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
            waiting.removeIf(order -> {
                List<Mailbox.Received> mails = Mailbox.read(order.email());
                mail.put(order.email(), mails);
                return ShipmentMails.count(mails, ShipmentMails.CONFIRMATION) >= 1
                        && ShipmentMails.count(mails, ShipmentMails.SHIPMENT)
                                        + ShipmentMails.count(mails, ShipmentMails.CAAS_SHIPMENT)
                                >= order.lines();
            });
            if (!waiting.isEmpty()) {
                RetryingOrderClient.pause(1000);
            }
        }
        RetryingOrderClient.pause(5000); // a duplicate still on its way would arrive now
        orders.forEach(order -> mail.put(order.email(), Mailbox.read(order.email())));
        return mail;
    }

    private static boolean awaitIssued(String reference, String client) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Response response = given().baseUri(Stack.url("tracking-service"))
                    .contentType(ContentType.JSON)
                    .header("X-Forwarded-For", client)
                    .body(Map.of("caReference", reference))
                    .post("/api/tracking/lookup");
            if (response.statusCode() == 200
                    && "ISSUED".equals(response.jsonPath().getString("status"))) {
                return true;
            }
            RetryingOrderClient.pause(1000);
        }
        return false;
    }

    private static long timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}

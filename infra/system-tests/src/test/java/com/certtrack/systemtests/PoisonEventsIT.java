package com.certtrack.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.Topics;
import com.certtrack.infra.servers.DlqReplay;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Unreadable records on every consumed topic, on every partition: each consumer group sends them to the topic's
 * {@code .dlq} twin with the error in headers and goes on to process the good events behind them. Then the operator
 * command {@code certtrack dlq-replay} puts a dead-lettered event back once it can be processed.
 */
class PoisonEventsIT {

    /** Consumer groups of each consumed topic, as the services' application.properties name them. */
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.ORDERS, List.of("ca-gateway", "tracking-service", "notification-service"),
            Topics.CA_ORDERS, List.of("tracking-service", "notification-service"),
            Topics.CAAS, List.of("tracking-service", "notification-service", "eab-service"),
            Topics.TRACKING_COMMANDS, List.of("ca-gateway"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void poisonGoesToTheDlqWithItsErrorAndGoodEventsBehindItAreProcessed() throws Exception {
        Stack.services();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<TopicPartition, Long> poisonOffsets = new HashMap<>();
        Map<String, List<String>> poisonKeys = new HashMap<>();
        try (var producer = producer()) {
            for (String topic : CONSUMERS.keySet()) {
                int partitions = producer.partitionsFor(topic).size();
                for (int p = 0; p < partitions; p++) {
                    for (String value : List.of(
                            "{not json",
                            "{\"eventId\":\"" + UUID.randomUUID()
                                    + "\",\"eventType\":\"NoSuchEvent\",\"schemaVersion\":1}",
                            "[]")) {
                        String key = "POISON-" + run + "-" + topic + "-" + p + "-" + value.length();
                        RecordMetadata written = producer.send(new ProducerRecord<>(topic, p, key, value))
                                .get();
                        poisonOffsets.merge(new TopicPartition(topic, p), written.offset(), Math::max);
                        poisonKeys
                                .computeIfAbsent(topic, t -> new ArrayList<>())
                                .add(key);
                    }
                }
            }
        }

        // Good events behind the poison: an order with a certificate and a CaaS line, through every consumer.
        String email = "poison-" + run + "@example.com";
        String domain = "p-" + run + ".example.com";
        JsonPath order = given().baseUri(Stack.url("order-service"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "customer",
                        Map.of("name", "Poison Test", "email", email),
                        "lines",
                        List.of(
                                Map.of(
                                        "product",
                                        "DV_SINGLE",
                                        "domains",
                                        List.of(domain),
                                        "dcvMethod",
                                        "DNS_TXT",
                                        "csr",
                                        TestCsr.forDomains(domain).pem()),
                                Map.of("product", "CAAS", "term", 12))))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderNumber = order.getString("orderNumber");
        // Confirmation, shipment, CaaS shipment and the CaaS notice (the certificate ships already issued).
        List<Mailbox.Received> mails = Mailbox.await(email, 4, Duration.ofSeconds(120), Duration.ZERO);
        assertEquals(1, ShipmentMails.count(mails, ShipmentMails.CONFIRMATION), "notification-service read orders.v1");
        assertEquals(
                1,
                ShipmentMails.count(mails, ShipmentMails.SHIPMENT),
                "ca-gateway read orders.v1, notification-service ca-orders.v1");
        assertEquals(1, ShipmentMails.count(mails, ShipmentMails.CAAS_SHIPMENT), "notification-service read caas.v1");
        String certificateReference = ShipmentMails.reference(
                        ShipmentMails.of(mails, ShipmentMails.SHIPMENT).get(0))
                .orElseThrow();
        String caasReference = ShipmentMails.reference(
                        ShipmentMails.of(mails, ShipmentMails.CAAS_SHIPMENT).get(0))
                .orElseThrow();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> lookup(certificateReference) == 200 && lookup(caasReference) == 200);
        given().baseUri(Stack.url("eab-service"))
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.18.3.1")
                .body(Map.of("caReference", caasReference))
                .post("/api/caas/credentials")
                .then()
                .statusCode(200);
        // tracking-commands.v1: a refresh of the line behind the poison, which ca-gateway answers on ca-orders.v1.
        String lineId = order.getString("lines[0].lineId");
        Instant refreshSent = Instant.now();
        try (var producer = producer();
                TopicReader checked = TopicReader.fromBeginning(Topics.CA_ORDERS)) {
            String refresh = "{\"eventId\":\"" + UUID.randomUUID()
                    + "\",\"eventType\":\"RefreshRequested\",\"schemaVersion\":1,\"occurredAt\":\"" + refreshSent
                    + "\",\"orderNumber\":\"" + orderNumber + "\",\"lineId\":\"" + lineId + "\"}";
            producer.send(new ProducerRecord<>(Topics.TRACKING_COMMANDS, orderNumber, refresh))
                    .get();
            checked.await(
                    r -> orderNumber.equals(r.key())
                            && r.value().contains("\"CaOrderChecked\"")
                            && checkedAfter(r.value(), refreshSent.minusSeconds(1)),
                    1,
                    Duration.ofSeconds(60));
        }

        // Each group dead-lettered each poison record, with the error in headers, and committed past it.
        try (TopicReader dlq = TopicReader.fromBeginning(
                CONSUMERS.keySet().stream().map(Topics::deadLetter).toArray(String[]::new))) {
            for (var entry : CONSUMERS.entrySet()) {
                String topic = entry.getKey();
                for (String key : poisonKeys.get(topic)) {
                    List<ConsumerRecord<String, String>> dead =
                            dlq.await(r -> key.equals(r.key()), entry.getValue().size(), Duration.ofSeconds(60));
                    for (ConsumerRecord<String, String> record : dead) {
                        assertEquals(Topics.deadLetter(topic), record.topic());
                        assertEquals(topic, TopicReader.header(record, "dead-letter-topic"));
                        String reason = TopicReader.header(record, "dead-letter-reason");
                        assertTrue(reason != null && !reason.isBlank(), "the error travels in a header: " + key);
                    }
                }
            }
        }
        try (Admin admin = Admin.create(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()))) {
            for (var entry : CONSUMERS.entrySet()) {
                for (String group : entry.getValue()) {
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> pastPoison(admin, group, entry.getKey(), poisonOffsets));
                }
            }
        }

        replayAfterAFix(run);
    }

    /**
     * A good OrderPlaced that was dead-lettered (as a consumer with a since-fixed bug would have done): the operator
     * command re-publishes it and the customer gets the confirmation, once.
     */
    private void replayAfterAFix(String run) throws Exception {
        String email = "replayed-" + run + "@example.com";
        String orderNumber = "CT-" + randomSymbols(10);
        String domain = "r-" + run + ".example.com";
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString())
                .put("eventType", "OrderPlaced")
                .put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString())
                .put("orderNumber", orderNumber);
        event.putObject("customer")
                .put("name", "Replayed Customer")
                .put("email", email)
                .putNull("organisation");
        ArrayNode lines = event.putArray("lines");
        ObjectNode line = lines.addObject()
                .put("lineId", orderNumber + "-1")
                .put("product", "DV_SINGLE")
                .put("dcvMethod", "DNS_TXT")
                .put("csrPem", TestCsr.forDomains(domain).pem());
        line.putArray("domains").add(domain);
        line.putNull("termMonths");
        try (var producer = producer()) {
            var record =
                    new ProducerRecord<>(Topics.deadLetter(Topics.ORDERS), orderNumber, JSON.writeValueAsString(event));
            record.headers()
                    .add("ce_type", bytes("OrderPlaced"))
                    .add("ce_id", bytes(event.path("eventId").asText()))
                    .add("dead-letter-reason", bytes("a bug fixed since"))
                    .add("dead-letter-topic", bytes(Topics.ORDERS))
                    .add("dead-letter-partition", bytes("0"))
                    .add("dead-letter-offset", bytes("-1"));
            producer.send(record).get();
        }

        String output = runLauncher("dlq-replay", Topics.ORDERS);
        assertTrue(output.contains("re-published"), output);
        assertFalse(output.contains("re-published 0 "), output);

        List<Mailbox.Received> mails = Mailbox.await(email, 1, Duration.ofSeconds(90), Duration.ofSeconds(3));
        assertEquals(
                1,
                ShipmentMails.count(mails, ShipmentMails.CONFIRMATION),
                () -> "the replayed order is confirmed"
                        + " once; received "
                        + mails.stream().map(Mailbox.Received::template).toList() + "; replay said: "
                        + output.trim() + "; notification-service logged: "
                        + logged("notification-service", orderNumber));

        // A second run re-publishes only what was dead-lettered since (the poison above, again): not this event.
        DlqReplay.replay(TestInfrastructure.kafka().bootstrapServers(), Topics.ORDERS, false);
        try (TopicReader orders = TopicReader.fromBeginning(Topics.ORDERS)) {
            List<ConsumerRecord<String, String>> copies =
                    orders.await(r -> orderNumber.equals(r.key()), 1, Duration.ofSeconds(30));
            assertEquals(
                    1,
                    orders.settle(r -> orderNumber.equals(r.key()), Duration.ofSeconds(2))
                            .size(),
                    "replayed once");
            assertEquals("OrderPlaced", TopicReader.header(copies.get(0), "ce_type"));
            assertTrue(TopicReader.header(copies.get(0), DlqReplay.REPLAYED_FROM_HEADER)
                    .startsWith("orders.v1.dlq:"));
        }
    }

    /** A failure's context: what a service logged about the order, and its latest warnings. */
    private static List<String> logged(String service, String orderNumber) {
        try (var lines = Files.lines(Stack.services().get(service).log())) {
            List<String> relevant = lines.filter(
                            l -> l.contains(orderNumber) || l.contains(" WARN ") || l.contains(" ERROR "))
                    .toList();
            return relevant.subList(Math.max(0, relevant.size() - 30), relevant.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    private static boolean checkedAfter(String caOrderChecked, Instant instant) {
        try {
            return Instant.parse(JSON.readTree(caOrderChecked).path("checkedAt").asText())
                    .isAfter(instant);
        } catch (IOException | java.time.DateTimeException e) {
            return false;
        }
    }

    private static String runLauncher(String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("mvnw").toFile().exists()) {
            root = root.getParent();
        }
        List<String> command = new ArrayList<>(
                List.of("bash", root.resolve("infra/bin/certtrack").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .put(
                        "CERTTRACK_KAFKA_BOOTSTRAP_SERVERS",
                        TestInfrastructure.kafka().bootstrapServers());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "dlq-replay finished");
        assertEquals(0, process.exitValue(), output);
        System.out.println("certtrack dlq-replay: " + output.trim());
        return output;
    }

    private static boolean pastPoison(Admin admin, String group, String topic, Map<TopicPartition, Long> poison)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        return poison.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .allMatch(e -> {
                    OffsetAndMetadata offset = committed.get(e.getKey());
                    return offset != null && offset.offset() > e.getValue();
                });
    }

    private static int lookup(String reference) {
        return given().baseUri(Stack.url("tracking-service"))
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.18.3.2")
                .body(Map.of("caReference", reference))
                .post("/api/tracking/lookup")
                .statusCode();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static String randomSymbols(int n) {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

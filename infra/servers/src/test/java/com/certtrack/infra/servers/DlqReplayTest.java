package com.certtrack.infra.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.certtrack.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's replay against a real broker: once per dead record, headers cleaned, progress kept. */
class DlqReplayTest {

    @TempDir
    static Path dataDir;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new KafkaBroker(dataDir, KafkaBrokerRestartTest.freePort(), KafkaBrokerRestartTest.freePort(), 1)
                .start();
    }

    @AfterAll
    static void stopBroker() {
        broker.kill();
    }

    @Test
    void republishesEachDeadRecordOnceWithItsCloudEventsHeadersAndOnlyNewOnesNextTime() throws Exception {
        String order = "CT-" + UUID.randomUUID();
        // One record dead-lettered by two consumer groups, and another one.
        deadLetter(order, "{\"eventId\":\"a\"}", 7, "ca-gateway failed");
        deadLetter(order, "{\"eventId\":\"a\"}", 7, "notification-service failed");
        deadLetter(order, "{\"eventId\":\"b\"}", 8, "ca-gateway failed");

        DlqReplay.Result first = DlqReplay.replay(broker.bootstrapServers(), Topics.ORDERS, false);

        assertEquals(new DlqReplay.Result(3, 2, 1), first);
        List<ConsumerRecord<String, String>> replayed = read(order, 2);
        assertEquals(
                List.of("{\"eventId\":\"a\"}", "{\"eventId\":\"b\"}"),
                replayed.stream().map(ConsumerRecord::value).toList());
        for (ConsumerRecord<String, String> record : replayed) {
            assertEquals("OrderPlaced", header(record, "ce_type"), "CloudEvents headers kept");
            assertNull(record.headers().lastHeader("dead-letter-reason"), "dead-letter headers dropped");
            assertEquals(order, record.key());
        }
        assertEquals("orders.v1.dlq:0:0", header(replayed.get(0), DlqReplay.REPLAYED_FROM_HEADER));

        assertEquals(
                new DlqReplay.Result(0, 0, 0),
                DlqReplay.replay(broker.bootstrapServers(), "orders.v1.dlq", false),
                "nothing new: nothing re-published");

        deadLetter(order, "{\"eventId\":\"c\"}", 9, "eab-service failed");
        assertEquals(
                1,
                DlqReplay.replay(broker.bootstrapServers(), Topics.ORDERS, true).republished(),
                "a dry run lists the new one");
        assertEquals(new DlqReplay.Result(1, 1, 0), DlqReplay.replay(broker.bootstrapServers(), Topics.ORDERS, false));
        assertEquals("{\"eventId\":\"c\"}", read(order, 3).get(2).value());
    }

    private static void deadLetter(String key, String value, long originalOffset, String reason) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            var record = new ProducerRecord<>(Topics.deadLetter(Topics.ORDERS), key, value);
            record.headers().add("ce_type", bytes("OrderPlaced"));
            record.headers().add("dead-letter-reason", bytes(reason));
            record.headers().add("dead-letter-topic", bytes(Topics.ORDERS));
            record.headers().add("dead-letter-partition", bytes("0"));
            record.headers().add("dead-letter-offset", bytes(Long.toString(originalOffset)));
            producer.send(record).get();
        }
    }

    private static List<ConsumerRecord<String, String>> read(String key, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.ORDERS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
            }
            // A little longer: a surplus copy would show up here.
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (key.equals(r.key())) {
                    records.add(r);
                }
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

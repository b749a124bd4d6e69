package com.certtrack.infra.servers;

import com.certtrack.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The operator's DLQ replay ({@code infra/bin/certtrack dlq-replay <topic>}): after the fix is deployed, re-publishes
 * the records of {@code <topic>.dlq} to {@code <topic>} with their key, value and CloudEvents headers, without the
 * {@code dead-letter-*} headers, adding {@code certtrack-replayed-from}.
 *
 * <ul>
 * <li>Several consumer groups read one topic, so one bad record can be dead-lettered once per group: it is
 * re-published once (same original topic, partition and offset), and consumers that had processed it drop the copy
 * by its eventId (processed-event ledger).</li>
 * <li>Progress is committed in the consumer group {@value #GROUP} only after the broker acknowledged the copies, so a
 * second run re-publishes only records dead-lettered since; an interrupted run repeats at most its last batch.</li>
 * </ul>
 */
public final class DlqReplay {

    public static final String GROUP = "certtrack-dlq-replay";
    public static final String REPLAYED_FROM_HEADER = "certtrack-replayed-from";
    private static final String DEAD_LETTER_PREFIX = "dead-letter-";

    public record Result(long read, long republished, long duplicates) {}

    private DlqReplay() {}

    /**
     * Replays what {@code <topic>.dlq} holds now (up to its end offsets at the start of the run).
     *
     * @param dryRun list what would be replayed, publish and commit nothing
     */
    public static Result replay(String bootstrapServers, String topic, boolean dryRun) {
        if (topic.endsWith(Topics.DLQ_SUFFIX)) {
            topic = topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length());
        }
        String dlq = Topics.deadLetter(topic);
        long read = 0;
        long republished = 0;
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new HashSet<>(partitions), Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (!caughtUp(consumer, end)) {
                List<Future<?>> sent = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    read++;
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    String origin = header(record, "dead-letter-topic", topic) + ":"
                            + header(record, "dead-letter-partition", "?") + ":"
                            + header(
                                    record,
                                    "dead-letter-offset",
                                    dlq + "@" + record.partition() + ":" + record.offset());
                    if (!seen.add(origin)) {
                        continue;
                    }
                    republished++;
                    if (dryRun) {
                        System.out.printf(
                                "would replay %s (%s)%n", origin, header(record, "dead-letter-reason", "no reason"));
                        continue;
                    }
                    sent.add(producer.send(copy(record, topic)));
                }
                if (!dryRun) {
                    for (Future<?> ack : sent) {
                        ack.get();
                    }
                    if (!progress.isEmpty()) {
                        consumer.commitSync(progress);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + dlq, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused a replayed record of " + dlq, e.getCause());
        }
        return new Result(read, republished, read - republished);
    }

    private static ProducerRecord<byte[], byte[]> copy(ConsumerRecord<byte[], byte[]> record, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(
                REPLAYED_FROM_HEADER,
                (record.topic() + ":" + record.partition() + ":" + record.offset()).getBytes(StandardCharsets.UTF_8));
        // Same key: the partitioner puts it back on its order's partition, behind the order's later events.
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName());
    }

    /** {@code DlqReplay [--bootstrap-server HOST:PORT] [--dry-run] <topic>} */
    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("CERTTRACK_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        boolean dryRun = false;
        String topic = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = args[++i];
                case "--dry-run" -> dryRun = true;
                default -> topic = args[i];
            }
        }
        if (topic == null || !Topics.ALL.contains(topic.replaceFirst("\\.dlq$", ""))) {
            System.err.println("certtrack: usage: dlq-replay [--dry-run] <topic>, topic one of " + Topics.ALL);
            System.exit(2);
        }
        try {
            Result result = replay(bootstrap, topic, dryRun);
            System.out.printf(
                    "%s: read %d dead letters, %s %d to %s (%d were copies of one record dead-lettered by "
                            + "several consumer groups)%n",
                    Topics.deadLetter(topic.replaceFirst("\\.dlq$", "")),
                    result.read(),
                    dryRun ? "would re-publish" : "re-published",
                    result.republished(),
                    topic.replaceFirst("\\.dlq$", ""),
                    result.duplicates());
        } catch (RuntimeException e) {
            System.err.println("certtrack: dlq-replay failed: " + e.getMessage());
            System.exit(1);
        }
    }
}

package com.certtrack.tracking.view;

import com.certtrack.contracts.Topics;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.tracking.TrackingConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Rebuilds the view from offset 0: empties the view and this consumer's ledger, then reads every source topic from
 * the beginning up to the end offsets seen after emptying, through the same projector. The live consumers keep
 * running meanwhile; because the projector is idempotent and order-independent, whatever they apply in between
 * converges to the same rows. Operators trigger it with {@code certtrack.tracking.rebuild-on-start=true}, or
 * offline by truncating the tables and starting with a fresh consumer group ({@code CERTTRACK_TRACKING_GROUP}).
 */
@ApplicationScoped
public class ViewRebuild {

    private static final Logger LOG = Logger.getLogger(ViewRebuild.class);
    /** The view's sources, and its own commands (pending actions, reminder settings). Not audit.v1: see below. */
    private static final List<String> SOURCES =
            List.of(Topics.ORDERS, Topics.CA_ORDERS, Topics.CAAS, Topics.TRACKING_COMMANDS);

    private final EntityManager em;
    private final EventCodec codec;
    private final ViewProjector projector;
    private final Map<String, Object> kafkaConfig;
    private final TrackingConfig config;

    public ViewRebuild(
            EntityManager em,
            EventCodec codec,
            ViewProjector projector,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TrackingConfig config) {
        this.em = em;
        this.codec = codec;
        this.projector = projector;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.rebuildOnStart()) {
            rebuild();
        }
    }

    /** @return how many records were read */
    public synchronized long rebuild() {
        Instant started = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            // audit_entry is left alone: it is the record itself, not a projection (and refuses TRUNCATE).
            em.createNativeQuery("TRUNCATE tracked_line, intermediate_certificate, line_certificate, line_command")
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM processed_event WHERE consumer = ?1")
                    .setParameter(1, ViewProjector.CONSUMER)
                    .executeUpdate();
        });
        long read = 0;
        long poison = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : SOURCES) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    try {
                        projector.apply(codec.fromJson(record.value()));
                    } catch (PoisonEventException e) {
                        poison++; // already dead-lettered by the live consumer
                    }
                }
            }
        }
        LOG.infof(
                "view rebuilt from offset 0: %d records (%d unreadable, skipped) in %d ms",
                read, poison, Duration.between(started, Instant.now()).toMillis());
        return read;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> consumer = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                consumer.put(key, value);
            }
        });
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return consumer;
    }
}

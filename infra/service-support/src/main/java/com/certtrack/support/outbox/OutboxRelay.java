package com.certtrack.support.outbox;

import com.certtrack.support.events.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The only code that talks to the Kafka producer for outbox events. Claims unsent rows with
 * {@code FOR UPDATE SKIP LOCKED} (so replicas share the work), publishes them, waits for the broker's
 * acknowledgement and marks them sent in the same transaction. A crash between publish and commit publishes the
 * row again with the same eventId: at-least-once on the wire, deduplicated by consumers. An application that
 * publishes nothing (the stand-in CA) turns it off with the build property {@code certtrack.outbox.enabled=false}.
 */
@ApplicationScoped
@IfBuildProperty(name = "certtrack.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final KafkaProducer<String, String> producer;
    private final String source;
    private final Counter publishErrors;
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    public OutboxRelay(
            EntityManager em,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String source,
            MeterRegistry metrics) {
        this.em = em;
        this.source = source;
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig));
        this.publishErrors = Counter.builder("certtrack.outbox.publish.errors")
                .description("Outbox batches that could not be published")
                .register(metrics);
        metrics.gauge("certtrack.outbox.lag.seconds", this, OutboxRelay::oldestUnsentAgeSeconds);
    }

    private static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return config;
    }

    /** After a commit that appended events, publish at once rather than at the next tick. */
    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        if (wakeUpQueued.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpQueued.set(false);
                publishPendingQuietly();
            });
        }
    }

    @Scheduled(every = "${certtrack.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        publishPendingQuietly();
    }

    private void publishPendingQuietly() {
        try {
            while (publishBatch() == BATCH) {
                // a full batch went out: more may be waiting
            }
        } catch (RuntimeException e) {
            publishErrors.increment();
            LOG.warnf("outbox publish failed, will retry: %s", e.getMessage());
        }
    }

    /**
     * Publishes a batch and marks as sent exactly the rows the broker acknowledged; the others stay for the next
     * attempt. (Rolling back the whole batch on one failure would publish acknowledged rows a second time.)
     *
     * @return how many rows were published
     */
    @Transactional
    public int publishBatch() {
        @SuppressWarnings("unchecked")
        List<OutboxEvent> rows = em.createNativeQuery(
                        "SELECT * FROM outbox_event WHERE sent_at IS NULL ORDER BY created_at LIMIT " + BATCH
                                + " FOR UPDATE SKIP LOCKED",
                        OutboxEvent.class)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<?>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.messageKey, row.payload);
            CloudEventHeaders.write(record.headers(), source, row.eventId, row.eventType, row.occurredAt);
            acks.add(sendQuietly(record));
        }
        List<UUID> acknowledged = new ArrayList<>(rows.size());
        String failure = null;
        for (int i = 0; i < rows.size(); i++) {
            String error = await(acks.get(i));
            if (error == null) {
                acknowledged.add(rows.get(i).eventId);
            } else {
                failure = error;
            }
        }
        // One statement for the batch, not one UPDATE per row at flush.
        int published = acknowledged.isEmpty()
                ? 0
                : em.createNativeQuery("UPDATE outbox_event SET sent_at = ?1 WHERE event_id IN (?2)")
                        .setParameter(1, Instant.now())
                        .setParameter(2, acknowledged)
                        .executeUpdate();
        if (failure != null) {
            publishErrors.increment();
            LOG.warnf(
                    "outbox: %d of %d events not acknowledged, will retry: %s",
                    rows.size() - published, rows.size(), failure);
            return 0;
        }
        return published;
    }

    private Future<?> sendQuietly(ProducerRecord<String, String> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** @return null when acknowledged, else why not */
    private static String await(Future<?> ack) {
        try {
            ack.get(20, TimeUnit.SECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause().toString() : e.toString();
        }
    }

    /** Age of the oldest event still waiting, 0 when none: the outbox lag operators alert on. */
    public double oldestUnsentAgeSeconds() {
        try {
            Object oldest = em.createNativeQuery("SELECT min(created_at) FROM outbox_event WHERE sent_at IS NULL")
                    .getSingleResult();
            if (oldest == null) {
                return 0;
            }
            Instant created = oldest instanceof Instant i ? i : ((java.sql.Timestamp) oldest).toInstant();
            return Duration.between(created, Instant.now()).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        wakeUps.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}

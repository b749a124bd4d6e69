package com.certtrack.notification.mail;

import com.certtrack.contracts.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reports mail that was given up on the {@code .dlq} twin of the topic its event came from: key = order number,
 * a JSON description (job, event, template, recipient, attempts, reason; never the reference, sealed or not) and
 * the reason in the {@code dead-letter-reason} header. Marked once the broker acknowledged.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String TOPIC_HEADER = "dead-letter-topic";

    private final EntityManager em;
    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;
    private final java.time.Clock clock;

    public DeadLetters(
            EntityManager em,
            ObjectMapper json,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            java.time.Clock clock) {
        this.em = em;
        this.clock = clock;
        this.json = json;
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig));
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
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return config;
    }

    @Transactional
    public int publishPending() {
        @SuppressWarnings("unchecked")
        List<MailJob> dead = em.createNativeQuery(
                        "SELECT * FROM mail_job WHERE status = 'DEAD' "
                                + "AND dead_lettered_at IS NULL ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED",
                        MailJob.class)
                .getResultList();
        for (MailJob job : dead) {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.deadLetter(job.topic), job.orderNumber, describe(job));
            record.headers().add(REASON_HEADER, bytes(job.lastError == null ? "undeliverable" : job.lastError));
            record.headers().add(TOPIC_HEADER, bytes(job.topic));
            try {
                producer.send(record).get(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering", e);
            } catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge a dead letter: " + e.getMessage(), e);
            }
            job.deadLetteredAt = clock.instant();
        }
        return dead.size();
    }

    private String describe(MailJob job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mailJobId", job.id);
        body.put("causationEventId", job.eventId);
        body.put("orderNumber", job.orderNumber);
        body.put("lineId", job.lineId);
        body.put("template", job.template);
        body.put("recipient", job.recipient);
        body.put("attempts", job.attempts);
        body.put("reason", job.lastError);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    void onStop(@Observes ShutdownEvent stop) {
        producer.close(Duration.ofSeconds(5));
    }
}

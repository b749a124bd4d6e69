package com.certtrack.notification.mail;

import com.certtrack.contracts.Topics;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reports mail that was given up on the {@code .dlq} twin of the topic its event came from: key = order number,
 * a JSON description (job, event, template, recipient, attempts, reason; never the reference, sealed or not) and
 * the reason in the {@code dead-letter-reason} header. Marked once the broker acknowledged.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String TOPIC_HEADER = "dead-letter-topic";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(20);

    private final EntityManager em;
    private final ObjectMapper json;
    private final MutinyEmitter<String> deadLetters;
    private final Clock clock;

    public DeadLetters(
            EntityManager em,
            ObjectMapper json,
            @Channel("mail-dead-letters") MutinyEmitter<String> deadLetters,
            Clock clock) {
        this.em = em;
        this.json = json;
        this.deadLetters = deadLetters;
        this.clock = clock;
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
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, bytes(job.lastError == null ? "undeliverable" : job.lastError));
            headers.add(TOPIC_HEADER, bytes(job.topic));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(Topics.deadLetter(job.topic))
                    .withKey(job.orderNumber)
                    .withHeaders(headers)
                    .build();
            try {
                // Marked only once the broker acknowledged: a crash before that reports the job again.
                deadLetters
                        .sendMessage(Message.of(describe(job)).addMetadata(metadata))
                        .await()
                        .atMost(ACK_TIMEOUT);
            } catch (RuntimeException e) {
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
}

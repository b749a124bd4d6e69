package com.certtrack.notification.intake;

import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The topics this service reads, one channel each, named after the topic, consumed a poll at a time. A poll's
 * records are handled in one transaction. When that fails, the batch is handled again one transaction per record,
 * so that only a poison record goes to the topic's {@code .dlq} twin (nacked on its own, failure-strategy) and the
 * good ones of the same poll are still mailed; anything else (database briefly away) is retried a few times first,
 * so a healthy event is not dead-lettered. Returning acknowledges the poll: its offsets are committed after that.
 */
@ApplicationScoped
public class NotificationConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private static final Set<String> COMMANDS_USED =
            Set.of(ReminderSettingsChanged.TYPE, RevokeRequested.TYPE, ReissueRequested.TYPE);

    private final PollIntake intake;
    private final ObjectMapper json;

    public NotificationConsumer(PollIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Incoming("orders-v1")
    @Blocking(ordered = true)
    public CompletionStage<Void> orders(KafkaRecordBatch<String, String> batch) {
        return handle(Topics.ORDERS, batch, batch.getRecords());
    }

    @Incoming("ca-orders-v1")
    @Blocking(ordered = true)
    public CompletionStage<Void> caOrders(KafkaRecordBatch<String, String> batch) {
        return handle(Topics.CA_ORDERS, batch, batch.getRecords());
    }

    @Incoming("caas-v1")
    @Blocking(ordered = true)
    public CompletionStage<Void> caas(KafkaRecordBatch<String, String> batch) {
        return handle(Topics.CAAS, batch, batch.getRecords());
    }

    /**
     * Only ReminderSettingsChanged, RevokeRequested and ReissueRequested (the awaited CSR) matter here. The other
     * commands (refreshes on every lookup, DCV actions, ...) are skipped unparsed: they belong to ca-gateway, which
     * also dead-letters a broken one.
     */
    @Incoming("tracking-commands-v1")
    @Blocking(ordered = true)
    public CompletionStage<Void> trackingCommands(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> used = batch.getRecords().stream()
                .filter(record -> COMMANDS_USED.contains(eventType(record.getPayload())))
                .toList();
        return handle(Topics.TRACKING_COMMANDS, batch, used);
    }

    private String eventType(String payload) {
        try {
            return payload == null
                    ? ""
                    : json.readTree(payload).path("eventType").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Handles {@code records} (those of {@code batch} that matter) and then acknowledges the whole poll. When the
     * poll cannot be handled at once, each record is handled on its own, so that only a record that cannot be handled
     * is nacked, which dead-letters it alone, and the good ones of the same poll are still mailed.
     */
    private CompletionStage<Void> handle(
            String topic, KafkaRecordBatch<String, String> batch, List<KafkaRecord<String, String>> records) {
        if (!records.isEmpty()) {
            try {
                intake.accept(
                        topic, records.stream().map(KafkaRecord::getPayload).toList());
            } catch (RuntimeException e) {
                if (records.size() > 1) {
                    LOG.warnf(
                            "batch of %d records on %s failed, handling them one by one: %s",
                            records.size(), topic, e.getMessage());
                    records.forEach(record -> one(topic, record));
                } else {
                    records.get(0).nack(e).toCompletableFuture().join();
                }
            }
        }
        return batch.ack();
    }

    private void one(String topic, KafkaRecord<String, String> record) {
        try {
            intake.accept(topic, List.of(record.getPayload()));
        } catch (RuntimeException e) {
            record.nack(e).toCompletableFuture().join();
        }
    }
}

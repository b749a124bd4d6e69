package com.certtrack.notification.intake;

import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.events.PoisonEventException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The topics this service reads, one channel each, named after the topic. Each record is handled in its own
 * transaction. A poison record fails at once and goes to the topic's {@code .dlq} twin (failure-strategy);
 * anything else (database briefly away) is retried a few times first, so a healthy event is not dead-lettered.
 */
@ApplicationScoped
public class NotificationConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);
    private static final int TRIES = 5;

    private static final Set<String> COMMANDS_USED =
            Set.of(ReminderSettingsChanged.TYPE, RevokeRequested.TYPE, ReissueRequested.TYPE);

    private final EventIntake intake;
    private final ObjectMapper json;

    public NotificationConsumer(EventIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Incoming("orders-v1")
    @Blocking
    public void orders(String payload) {
        handle(Topics.ORDERS, payload);
    }

    @Incoming("ca-orders-v1")
    @Blocking
    public void caOrders(String payload) {
        handle(Topics.CA_ORDERS, payload);
    }

    @Incoming("caas-v1")
    @Blocking
    public void caas(String payload) {
        handle(Topics.CAAS, payload);
    }

    /**
     * Only ReminderSettingsChanged, RevokeRequested and ReissueRequested (the awaited CSR) matter here. The other commands (refreshes on every lookup,
     * DCV actions, ...) are skipped unparsed: they belong to ca-gateway, which also dead-letters a broken one.
     */
    @Incoming("tracking-commands-v1")
    @Blocking
    public void trackingCommands(String payload) {
        if (COMMANDS_USED.contains(eventType(payload))) {
            handle(Topics.TRACKING_COMMANDS, payload);
        }
    }

    private String eventType(String payload) {
        try {
            return json.readTree(payload).path("eventType").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void handle(String topic, String payload) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> intake.accept(topic, payload));
                return;
            } catch (PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= TRIES) {
                    throw e;
                }
                LOG.warnf("record on %s failed (attempt %d), retrying: %s", topic, attempt, e.getMessage());
                sleep(250L << attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

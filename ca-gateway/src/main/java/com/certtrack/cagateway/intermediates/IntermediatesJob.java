package com.certtrack.cagateway.intermediates;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.contracts.CaIntermediatesPublished;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Asks the CA for its intermediate certificates from start-up until it answers, then again every
 * {@code refresh}, and publishes them when they differ from what this instance last published (a new instance
 * publishes once; tracking keeps each certificate once however often it hears of it).
 */
@ApplicationScoped
public class IntermediatesJob {

    private static final Logger LOG = Logger.getLogger(IntermediatesJob.class);

    private final CaAdapter ca;
    private final Outbox outbox;
    private final GatewayConfig config;
    private List<String> published = List.of();
    private Instant nextAsk = Instant.MIN;
    private int failures;

    public IntermediatesJob(CaAdapter ca, Outbox outbox, GatewayConfig config) {
        this.ca = ca;
        this.outbox = outbox;
        this.config = config;
    }

    /** Ticks every {@code retry} (the pace while the CA has not answered yet); does nothing until {@code nextAsk}. */
    @Scheduled(
            every = "${certtrack.ca-gateway.intermediates.retry:10s}",
            delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (Instant.now().isBefore(nextAsk)) {
            return;
        }
        List<String> current;
        try {
            current = ca.intermediates();
        } catch (RuntimeException e) {
            // Once in the log at first, then every tenth try: a CA that is down for long is not news each tick.
            if (failures++ % 10 == 0) {
                LOG.warnf(
                        "the CA's intermediates are not known yet (%s); tracking answers 503 until they are",
                        e.getMessage());
            }
            return;
        }
        if (current.isEmpty()) {
            LOG.warn("the CA answered no intermediate certificates; asking again");
            return;
        }
        if (!current.equals(published)) {
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.append(
                            Topics.CA_ORDERS,
                            CaIntermediatesPublished.of(UUID.randomUUID(), Instant.now(), config.adapter(), current)));
            LOG.infof("published the CA's %d intermediate certificate(s)", current.size());
            published = current;
        }
        failures = 0;
        nextAsk = Instant.now().plus(config.intermediates().refresh());
    }
}

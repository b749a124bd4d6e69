package com.certtrack.cagateway.polling;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineClaims;
import com.certtrack.cagateway.line.LineEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Every second: ask the CA about the lines that are due, publish what changed, and schedule the next look. */
@ApplicationScoped
public class PollJob {

    private static final Logger LOG = Logger.getLogger(PollJob.class);

    private final LineClaims claims;
    private final CaAdapter ca;
    private final LineEvents events;
    private final PollSchedule schedule;
    private final GatewayConfig config;
    private final MeterRegistry metrics;

    public PollJob(LineClaims claims, CaAdapter ca, LineEvents events, PollSchedule schedule, GatewayConfig config,
            MeterRegistry metrics) {
        this.claims = claims;
        this.ca = ca;
        this.events = events;
        this.schedule = schedule;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "${certtrack.ca-gateway.polling.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (int i = 0; i < config.polling().batch(); i++) {
            try {
                if (!claims.withDuePoll(this::poll)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf("poll failed unexpectedly, will retry: %s", e.toString());
                return;
            }
        }
    }

    void poll(CaLine line) {
        line.lastPolledAt = Instant.now();
        try {
            boolean changed = events.observed(line, ca.status(line.caOrderId), null);
            if (line.checkRequested) {
                events.checked(line);
                line.checkRequested = false;
            }
            metrics.counter("certtrack.ca.polls", "changed", Boolean.toString(changed)).increment();
            schedule.afterPoll(line, changed);
        } catch (CaUnavailableException e) {
            metrics.counter("certtrack.ca.polls", "changed", "unavailable").increment();
            LOG.warnf("CA unavailable while polling line %s: %s", line.lineId, e.getMessage());
            schedule.afterPoll(line, false);
        } catch (CaRejectedException e) {
            // The CA no longer knows the order (or refuses us): stop polling, keep the reason.
            LOG.warnf("CA refused status of line %s: %s", line.lineId, e.getMessage());
            line.lastError = e.getMessage();
            line.nextPollAt = null;
        }
    }
}

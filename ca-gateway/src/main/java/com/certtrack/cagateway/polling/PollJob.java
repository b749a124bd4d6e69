package com.certtrack.cagateway.polling;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.DueWorkers;
import com.certtrack.cagateway.line.LineClaims;
import com.certtrack.cagateway.line.LineEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Asks the CA about due lines, {@code polling.concurrency} at a time, publishes what changed and schedules the next
 * look. The CA call runs outside any transaction; the answer is recorded with the line locked, and only if the line
 * still follows the CA order that was asked about and nothing else recorded an answer meanwhile.
 */
@ApplicationScoped
public class PollJob {

    private static final Logger LOG = Logger.getLogger(PollJob.class);

    private final LineClaims claims;
    private final CaAdapter ca;
    private final LineEvents events;
    private final PollSchedule schedule;
    private final MeterRegistry metrics;
    private final DueWorkers<CaLine> workers;

    public PollJob(
            LineClaims claims,
            CaAdapter ca,
            LineEvents events,
            PollSchedule schedule,
            GatewayConfig config,
            MeterRegistry metrics) {
        this.claims = claims;
        this.ca = ca;
        this.events = events;
        this.schedule = schedule;
        this.metrics = metrics;
        this.workers = new DueWorkers<>(
                "poll",
                config.polling().concurrency(),
                count -> claims.leaseDuePolls(count, config.claimLease()),
                this::poll);
    }

    @Scheduled(
            every = "${certtrack.ca-gateway.polling.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        workers.wake();
    }

    void onStop(@Observes ShutdownEvent stop) {
        workers.stop();
    }

    void poll(CaLine leased) {
        Consumer<CaLine> answer = ask(leased);
        QuarkusTransaction.requiringNew().run(() -> {
            CaLine line = claims.lock(leased.lineId);
            if (line == null || !Objects.equals(line.caOrderId, leased.caOrderId)) {
                return;
            }
            line.lastPolledAt = Instant.now();
            if (Objects.equals(line.snapshot, leased.snapshot)) {
                answer.accept(line);
            } else {
                // A command's answer was recorded while we asked: ours may be older, so it must not overwrite it
                // (it would publish the line back to an earlier status). Look again soon instead.
                schedule.afterPoll(line, true);
            }
        });
    }

    private Consumer<CaLine> ask(CaLine leased) {
        try {
            CaOrder status = ca.status(leased.caOrderId);
            return line -> {
                boolean changed = events.observed(line, status, null);
                if (line.checkRequested) {
                    events.checked(line);
                    line.checkRequested = false;
                }
                metrics.counter("certtrack.ca.polls", "changed", Boolean.toString(changed))
                        .increment();
                schedule.afterPoll(line, changed);
            };
        } catch (CaUnavailableException e) {
            return line -> {
                metrics.counter("certtrack.ca.polls", "changed", "unavailable").increment();
                LOG.warnf("CA unavailable while polling line %s: %s", line.lineId, e.getMessage());
                schedule.afterPoll(line, false);
            };
        } catch (CaRejectedException e) {
            return line -> {
                // The CA no longer knows the order (or refuses us): stop polling, keep the reason.
                LOG.warnf("CA refused status of line %s: %s", line.lineId, e.getMessage());
                line.lastError = e.getMessage();
                line.nextPollAt = null;
            };
        }
    }
}

package com.certtrack.cagateway.commands;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineEvents;
import com.certtrack.support.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Carries out pending commands at the CA, one per transaction, claimed with SKIP LOCKED so replicas share them.
 * A CA outage retries the same command later (backoff); a refusal by the CA is final and is published as
 * {@code CaCommandRejected}, never retried.
 */
@ApplicationScoped
public class CommandJob {

    private static final Logger LOG = Logger.getLogger(CommandJob.class);

    private final EntityManager em;
    private final CommandRunner runner;
    private final LineEvents events;
    private final Backoff backoff;
    private final MeterRegistry metrics;

    public CommandJob(
            EntityManager em, CommandRunner runner, LineEvents events, GatewayConfig config, MeterRegistry metrics) {
        this.em = em;
        this.runner = runner;
        this.events = events;
        this.backoff = Backoff.exponential(
                config.submission().initialBackoff(), config.submission().maxBackoff());
        this.metrics = metrics;
    }

    @Scheduled(
            every = "${certtrack.ca-gateway.polling.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            while (runNext()) {
                // until nothing is due
            }
        } catch (RuntimeException e) {
            LOG.errorf("command failed unexpectedly, will retry: %s", e.toString());
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean runNext() {
        @SuppressWarnings("unchecked")
        List<CaCommand> due = em.createNativeQuery(
                        "SELECT * FROM ca_command WHERE state = 'PENDING' "
                                + "AND next_attempt_at <= now() ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                        CaCommand.class)
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        CaCommand command = due.get(0);
        CaLine line = em.find(CaLine.class, command.lineId, LockModeType.PESSIMISTIC_WRITE);
        if (line.caOrderId == null) {
            if (line.state == CaLine.State.PENDING) {
                // Not yet at the CA: try again once the line is submitted.
                command.nextAttemptAt = Instant.now().plusSeconds(2);
            } else {
                refused(
                        command,
                        line,
                        new CaRejectedException(
                                line.isCaas()
                                        ? "A CaaS subscription has no certificate order at the CA."
                                        : "The line was rejected at submission; there is no order at the CA."));
            }
            return true;
        }
        try {
            runner.run(command, line);
            command.state = CaCommand.State.DONE;
            command.lastError = null;
            metrics.counter("certtrack.ca.commands", "kind", command.kind.name(), "outcome", "done")
                    .increment();
        } catch (CaUnavailableException e) {
            command.attempts++;
            command.lastError = e.getMessage();
            // One more than the failures so far: the first retry waits twice the initial backoff, as before.
            command.nextAttemptAt = Instant.now().plus(backoff.after(command.attempts + 1));
            metrics.counter("certtrack.ca.commands", "kind", command.kind.name(), "outcome", "retry")
                    .increment();
            LOG.warnf(
                    "%s for line %s not carried out (attempt %d), retrying at %s: %s",
                    command.kind, line.lineId, command.attempts, command.nextAttemptAt, e.getMessage());
        } catch (CaRejectedException e) {
            refused(command, line, e);
        }
        return true;
    }

    private void refused(CaCommand command, CaLine line, CaRejectedException e) {
        command.state = CaCommand.State.FAILED;
        command.lastError = e.getMessage();
        metrics.counter("certtrack.ca.commands", "kind", command.kind.name(), "outcome", "rejected")
                .increment();
        LOG.infof("%s for line %s refused by the CA: %s", command.kind, line.lineId, e.getMessage());
        runner.refused(command, line, e);
        events.commandRejected(line, command.eventId, command.kind.eventType, e.reason());
    }
}

package com.certtrack.cagateway.commands;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineEvents;
import com.certtrack.cagateway.line.RetryDelay;
import com.certtrack.cagateway.polling.PollSchedule;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/** Carries out pending reissues at the CA, one per transaction, claimed with SKIP LOCKED; retries with backoff. */
@ApplicationScoped
public class CommandJob {

    private static final Logger LOG = Logger.getLogger(CommandJob.class);

    private final EntityManager em;
    private final CaAdapter ca;
    private final LineEvents events;
    private final PollSchedule schedule;
    private final GatewayConfig config;

    public CommandJob(EntityManager em, CaAdapter ca, LineEvents events, PollSchedule schedule, GatewayConfig config) {
        this.em = em;
        this.ca = ca;
        this.events = events;
        this.schedule = schedule;
        this.config = config;
    }

    @Scheduled(every = "${certtrack.ca-gateway.polling.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
        List<CaCommand> due = em.createNativeQuery("SELECT * FROM ca_command WHERE state = 'PENDING' "
                + "AND next_attempt_at <= now() ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED", CaCommand.class)
                .getResultList();
        if (due.isEmpty()) {
            return false;
        }
        CaCommand command = due.get(0);
        CaLine line = em.find(CaLine.class, command.lineId, LockModeType.PESSIMISTIC_WRITE);
        if (line.caOrderId == null) {
            // Not yet at the CA: try again once the line is submitted.
            command.nextAttemptAt = Instant.now().plusSeconds(2);
            return true;
        }
        List<String> domains = command.domains == null ? null : Arrays.asList(command.domains.split(","));
        try {
            events.observed(line, ca.reissue(line.caOrderId, command.csrPem, domains), null);
            command.state = CaCommand.State.DONE;
            schedule.pollSoon(line);
        } catch (CaUnavailableException e) {
            command.attempts++;
            command.lastError = e.getMessage();
            // One more than the failures so far: the first retry waits twice the initial backoff, as before.
            command.nextAttemptAt = Instant.now().plus(RetryDelay.after(config.submission(), command.attempts + 1));
        } catch (CaRejectedException e) {
            command.state = CaCommand.State.FAILED;
            command.lastError = e.getMessage();
            events.observed(line, ca.status(line.caOrderId), "Reissue refused by the CA: " + e.getMessage());
        }
        return true;
    }
}

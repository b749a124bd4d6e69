package com.certtrack.cagateway.submission;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.DueWorkers;
import com.certtrack.cagateway.line.LineClaims;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Submits due lines, {@code submission.concurrency} at a time: woken when an order's lines are committed, when a
 * submission ends and by a tick (retries coming due, lines taken in by another replica).
 */
@ApplicationScoped
public class SubmissionJob {

    /** Fired in a transaction that took in new lines: after its commit they are submitted at once. */
    public record LinesArrived() {}

    private final DueWorkers<CaLine> workers;

    public SubmissionJob(LineClaims claims, LineSubmitter submitter, GatewayConfig config) {
        this.workers = new DueWorkers<>(
                "submission",
                config.submission().concurrency(),
                count -> claims.leaseDueSubmissions(count, config.claimLease()),
                submitter::submit);
    }

    @Scheduled(
            every = "${certtrack.ca-gateway.submission.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        workers.wake();
    }

    void onLinesArrived(@Observes(during = TransactionPhase.AFTER_SUCCESS) LinesArrived arrived) {
        workers.wake();
    }

    void onStop(@Observes ShutdownEvent stop) {
        workers.stop();
    }
}

package com.certtrack.tracking.checks;

import com.certtrack.checks.RevocationCheck;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.ChecksConfig;
import com.certtrack.tracking.TrackingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs revocation checks on a bounded pool of their own: the unauthenticated check waits on URLs a pasted
 * certificate chooses, so it must hold neither a Vert.x event loop nor a REST worker thread while it does. A full
 * queue is a 503 with Retry-After, not an unbounded backlog.
 */
@ApplicationScoped
public class RevocationRunner {

    private final RevocationCheck check;
    private final ThreadPoolExecutor pool;
    private final long retryAfterSeconds;

    public RevocationRunner(RevocationCheck check, TrackingConfig tracking) {
        ChecksConfig config = tracking.checks();
        this.check = check;
        this.retryAfterSeconds = Math.max(1, config.revocationBudget().toSeconds());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                config.revocationThreads(),
                config.revocationThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.revocationQueue()),
                task -> {
                    Thread thread = new Thread(task, "revocation-check-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** @param certificates the leaf first, then whatever chain came with it */
    public CompletableFuture<RevocationCheck.Result> check(List<X509Certificate> certificates) {
        try {
            return CompletableFuture.supplyAsync(() -> check.check(certificates), pool);
        } catch (RejectedExecutionException e) {
            throw new Busy(retryAfterSeconds);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** 503: every revocation thread is busy and the queue is full. */
    static final class Busy extends ProblemException {
        private final long retryAfterSeconds;

        Busy(long retryAfterSeconds) {
            super(Problem.of(
                    503,
                    "checks-busy",
                    "Checks busy",
                    "Too many revocation checks are running; try again in " + retryAfterSeconds + " seconds."));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Response response() {
            return Response.fromResponse(super.response())
                    .header("Retry-After", retryAfterSeconds)
                    .build();
        }
    }
}

package com.certtrack.cagateway.line;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;

/**
 * Up to {@code concurrency} lines worked on at once for one job (submissions, polls): whenever a worker finishes, a
 * commit adds work or the tick comes round, it claims as many due lines as there are idle workers, and stops when
 * nothing is due. Claims are short transactions that lease the rows, so the CA call runs outside any transaction.
 */
public final class DueWorkers<T> {

    private static final Logger LOG = Logger.getLogger(DueWorkers.class);

    private final String job;
    private final IntFunction<List<T>> claim;
    private final Consumer<T> work;
    private final Semaphore idle;
    private final ExecutorService claims;
    private final ExecutorService workers;
    private final AtomicBoolean claimQueued = new AtomicBoolean();
    private volatile boolean stopping;

    /**
     * @param claim leases up to n due lines and returns them
     * @param work calls the CA for one leased line and records the answer
     */
    public DueWorkers(String job, int concurrency, IntFunction<List<T>> claim, Consumer<T> work) {
        this.job = job;
        this.claim = claim;
        this.work = work;
        this.idle = new Semaphore(concurrency);
        AtomicInteger n = new AtomicInteger();
        this.claims = Executors.newSingleThreadExecutor(r -> new Thread(r, job + "-claims"));
        this.workers = Executors.newFixedThreadPool(concurrency, r -> new Thread(r, job + "-" + n.incrementAndGet()));
    }

    /** Claims run one at a time on one thread; wake-ups during a claim fold into one more. */
    public void wake() {
        if (!stopping && claimQueued.compareAndSet(false, true)) {
            claims.execute(() -> {
                claimQueued.set(false);
                claimAndStart();
            });
        }
    }

    private void claimAndStart() {
        int room = idle.drainPermits();
        if (room == 0) {
            return;
        }
        List<T> claimed = List.of();
        try {
            claimed = claim.apply(room);
        } catch (RuntimeException e) {
            LOG.warnf("%s: claiming due lines failed, will retry: %s", job, e.toString());
        }
        idle.release(room - claimed.size());
        for (T line : claimed) {
            workers.execute(() -> {
                try {
                    work.accept(line);
                } catch (RuntimeException e) {
                    // The lease runs out and the line is claimed again: nothing is lost.
                    LOG.errorf("%s of %s failed unexpectedly, will retry: %s", job, line, e.toString());
                } finally {
                    idle.release();
                    wake();
                }
            });
        }
    }

    public void stop() {
        stopping = true;
        claims.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

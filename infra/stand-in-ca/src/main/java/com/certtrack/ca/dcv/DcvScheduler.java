package com.certtrack.ca.dcv;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Re-checks pending validations every {@code certtrack.ca.dcv.check-interval} (backing off per domain). */
@ApplicationScoped
public class DcvScheduler {

    private static final Logger LOG = Logger.getLogger(DcvScheduler.class);

    private final DcvService dcv;

    public DcvScheduler(DcvService dcv) {
        this.dcv = dcv;
    }

    @Scheduled(
            identity = "dcv-checks",
            every = "${certtrack.ca.dcv.check-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            dcv.runDue();
        } catch (RuntimeException e) {
            LOG.warn("DCV round failed; the next round retries", e);
        }
    }
}

package com.certtrack.cagateway.submission;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.line.LineClaims;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Every second: submit the lines that are due, one transaction per line, claimed with SKIP LOCKED. */
@ApplicationScoped
public class SubmissionJob {

    private static final Logger LOG = Logger.getLogger(SubmissionJob.class);

    private final LineClaims claims;
    private final LineSubmitter submitter;
    private final GatewayConfig config;

    public SubmissionJob(LineClaims claims, LineSubmitter submitter, GatewayConfig config) {
        this.claims = claims;
        this.submitter = submitter;
        this.config = config;
    }

    @Scheduled(every = "${certtrack.ca-gateway.submission.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (int i = 0; i < config.submission().batch(); i++) {
            try {
                if (!claims.withDueSubmission(submitter::submit)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf("submission failed unexpectedly, will retry: %s", e.toString());
                return;
            }
        }
    }
}

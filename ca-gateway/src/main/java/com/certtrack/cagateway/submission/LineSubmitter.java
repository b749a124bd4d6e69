package com.certtrack.cagateway.submission;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaSubmission;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.ca.EabBinding;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineEvents;
import com.certtrack.cagateway.line.RetryDelay;
import com.certtrack.cagateway.secrets.SecretSealing;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.support.reference.CaReference;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Submits a claimed line to the CA (certificate lines) or provisions its ACME binding (CaaS lines), inside the
 * claiming transaction. The CA call is idempotent by line id, so a crash between the CA's answer and our commit
 * only repeats the call and gets the same order and reference back.
 */
@ApplicationScoped
public class LineSubmitter {

    private static final Logger LOG = Logger.getLogger(LineSubmitter.class);
    private static final Duration EAB_REVEAL_WINDOW = Duration.ofDays(7);

    private final CaAdapter ca;
    private final SecretSealing sealing;
    private final LineEvents events;
    private final GatewayConfig config;
    private final MeterRegistry metrics;

    public LineSubmitter(CaAdapter ca, SecretSealing sealing, LineEvents events, GatewayConfig config,
            MeterRegistry metrics) {
        this.ca = ca;
        this.sealing = sealing;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
    }

    public void submit(CaLine line) {
        try {
            if (line.isCaas()) {
                provision(line);
            } else {
                submitCertificate(line);
            }
            metrics.counter("certtrack.ca.submissions", "outcome", "accepted").increment();
        } catch (CaUnavailableException e) {
            line.attempts++;
            line.lastError = e.getMessage();
            line.nextAttemptAt = Instant.now().plus(RetryDelay.after(config.submission(), line.attempts));
            metrics.counter("certtrack.ca.submissions", "outcome", "retry").increment();
            LOG.warnf("line %s not submitted (attempt %d), retrying at %s: %s", line.lineId, line.attempts,
                    line.nextAttemptAt, e.getMessage());
        } catch (CaRejectedException e) {
            line.state = CaLine.State.REJECTED;
            line.lastError = e.getMessage();
            line.caStatus = CaOrderStatus.REJECTED;
            metrics.counter("certtrack.ca.submissions", "outcome", "rejected").increment();
            events.rejectedAtSubmission(line, e.getMessage());
        }
    }

    private void submitCertificate(CaLine line) {
        CaOrder order = ca.submit(new CaSubmission(line.lineId, line.product, line.domainList(), line.dcvMethod,
                line.csrPem, config.validityDays(), line.organisation));
        SecretSealing.Reference reference = sealing.reference(order.caReference());
        line.state = CaLine.State.SUBMITTED;
        line.caOrderId = order.caOrderId();
        line.referenceHash = reference.hash();
        line.lastError = null;
        events.submitted(line, order, reference.sealed());
    }

    private void provision(CaLine line) {
        EabBinding binding = ca.provisionAcmeAccount(line.lineId, line.termMonths == null ? 12 : line.termMonths);
        // The subscription's own credential: it unlocks the EAB reveal in the portal.
        SecretSealing.Reference reference = sealing.reference(CaReference.generate());
        line.state = CaLine.State.PROVISIONED;
        line.referenceHash = reference.hash();
        line.lastError = null;
        events.provisioned(line, reference, binding.keyId(), sealing.sealEabKey(binding.hmacKey()),
                binding.directoryUrl(), line.orderedAt.plus(EAB_REVEAL_WINDOW));
    }
}

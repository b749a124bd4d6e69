package com.certtrack.cagateway.submission;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.CaAdapter;
import com.certtrack.cagateway.ca.CaOrder;
import com.certtrack.cagateway.ca.CaRejectedException;
import com.certtrack.cagateway.ca.CaSubmission;
import com.certtrack.cagateway.ca.CaUnavailableException;
import com.certtrack.cagateway.ca.EabBinding;
import com.certtrack.cagateway.line.CaLine;
import com.certtrack.cagateway.line.LineClaims;
import com.certtrack.cagateway.line.LineEvents;
import com.certtrack.cagateway.secrets.SecretSealing;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Submits a leased line to the CA (certificate lines) or provisions its ACME binding (CaaS lines), then records the
 * answer in a transaction of its own that locks the line. The CA call is idempotent by line id: if a lease ran out
 * mid-call and another worker asked too, both get the same order and only the first to record it publishes.
 */
@ApplicationScoped
public class LineSubmitter {

    private static final Logger LOG = Logger.getLogger(LineSubmitter.class);
    private static final Duration EAB_REVEAL_WINDOW = Duration.ofDays(7);

    private final CaAdapter ca;
    private final LineClaims claims;
    private final SecretSealing sealing;
    private final LineEvents events;
    private final GatewayConfig config;
    private final Backoff backoff;
    private final MeterRegistry metrics;

    public LineSubmitter(
            CaAdapter ca,
            LineClaims claims,
            SecretSealing sealing,
            LineEvents events,
            GatewayConfig config,
            MeterRegistry metrics) {
        this.ca = ca;
        this.claims = claims;
        this.sealing = sealing;
        this.events = events;
        this.config = config;
        this.backoff = Backoff.exponential(
                config.submission().initialBackoff(), config.submission().maxBackoff());
        this.metrics = metrics;
    }

    /** @param leased a snapshot of the line taken when it was leased */
    public void submit(CaLine leased) {
        Consumer<CaLine> answer = ask(leased);
        QuarkusTransaction.requiringNew().run(() -> {
            CaLine line = claims.lock(leased.lineId);
            if (line != null && line.state == CaLine.State.PENDING) {
                answer.accept(line);
            }
        });
    }

    /** The CA call, outside any transaction; @return what to record */
    private Consumer<CaLine> ask(CaLine leased) {
        try {
            if (leased.isCaas()) {
                EabBinding binding =
                        ca.provisionAcmeAccount(leased.lineId, leased.termMonths == null ? 12 : leased.termMonths);
                return line -> provisioned(line, binding);
            }
            CaOrder order = ca.submit(new CaSubmission(
                    leased.lineId,
                    leased.product,
                    leased.domainList(),
                    leased.dcvMethod,
                    leased.csrPem,
                    config.validityDays(),
                    leased.organisation));
            return line -> submitted(line, order);
        } catch (CaUnavailableException e) {
            return line -> retryLater(line, e);
        } catch (CaRejectedException e) {
            return line -> rejected(line, e);
        }
    }

    private void retryLater(CaLine line, CaUnavailableException e) {
        line.attempts++;
        line.lastError = e.getMessage();
        line.nextAttemptAt = Instant.now().plus(backoff.after(line.attempts));
        metrics.counter("certtrack.ca.submissions", "outcome", "retry").increment();
        LOG.warnf(
                "line %s not submitted (attempt %d), retrying at %s: %s",
                line.lineId, line.attempts, line.nextAttemptAt, e.getMessage());
    }

    private void rejected(CaLine line, CaRejectedException e) {
        line.state = CaLine.State.REJECTED;
        line.lastError = e.getMessage();
        line.caStatus = CaOrderStatus.REJECTED;
        metrics.counter("certtrack.ca.submissions", "outcome", "rejected").increment();
        events.rejectedAtSubmission(line, e.getMessage());
    }

    private void submitted(CaLine line, CaOrder order) {
        SecretSealing.Reference reference = sealing.reference(order.caReference());
        line.state = CaLine.State.SUBMITTED;
        line.caOrderId = order.caOrderId();
        line.caReferenceHash = reference.hash();
        line.lastError = null;
        events.submitted(line, order, reference.sealed());
        metrics.counter("certtrack.ca.submissions", "outcome", "accepted").increment();
    }

    private void provisioned(CaLine line, EabBinding binding) {
        // The subscription's own credential: it unlocks the EAB reveal in the portal.
        SecretSealing.Reference reference = sealing.reference(CaReference.generate());
        line.state = CaLine.State.PROVISIONED;
        line.caReferenceHash = reference.hash();
        line.lastError = null;
        events.provisioned(
                line,
                reference,
                binding.keyId(),
                sealing.sealEabKey(binding.hmacKey()),
                binding.directoryUrl(),
                line.orderedAt.plus(EAB_REVEAL_WINDOW));
        metrics.counter("certtrack.ca.submissions", "outcome", "accepted").increment();
    }
}

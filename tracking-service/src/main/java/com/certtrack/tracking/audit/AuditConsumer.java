package com.certtrack.tracking.audit;

import com.certtrack.contracts.CredentialRevealed;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Security-relevant actions taken in other services, for the line's audit trail: EAB reveals from eab-service on
 * {@code audit.v1}. Not part of the view rebuild: the entries are the record, written once per event id.
 */
@ApplicationScoped
public class AuditConsumer {

    private final EventCodec codec;
    private final AuditTrail trail;

    public AuditConsumer(EventCodec codec, AuditTrail trail) {
        this.codec = codec;
        this.trail = trail;
    }

    @Incoming("audit-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void audit(String payload) {
        if (codec.fromJson(payload) instanceof CredentialRevealed revealed) {
            if (revealed.lineId() == null) {
                throw new PoisonEventException(
                        "CredentialRevealed of order " + revealed.orderNumber() + " without lineId");
            }
            boolean shown = "REVEALED".equals(revealed.outcome());
            trail.recordEvent(
                    revealed.eventId(),
                    revealed.occurredAt(),
                    revealed.lineId(),
                    revealed.orderNumber(),
                    "EAB_REVEAL",
                    shown ? AuditTrail.DONE : AuditTrail.REJECTED,
                    revealed.clientAddress(),
                    shown
                            ? "EAB credentials revealed"
                            : "EAB reveal refused (" + revealed.outcome() + "): the reveal window has closed");
        }
    }
}

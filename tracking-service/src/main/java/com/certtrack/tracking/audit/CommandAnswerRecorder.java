package com.certtrack.tracking.audit;

import com.certtrack.tracking.view.CommandAnswered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The CA's answers to a line's commands, as the view projects them, into the trail (in the same transaction). */
@ApplicationScoped
class CommandAnswerRecorder {

    private final AuditTrail trail;

    CommandAnswerRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    void record(@Observes CommandAnswered answer) {
        trail.recordEvent(
                answer.eventId(),
                answer.at(),
                answer.lineId(),
                answer.orderNumber(),
                answer.action(),
                answer.done() ? AuditTrail.DONE : AuditTrail.REJECTED,
                null,
                answer.detail());
    }
}

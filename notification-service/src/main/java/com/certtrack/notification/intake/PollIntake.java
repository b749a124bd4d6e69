package com.certtrack.notification.intake;

import com.certtrack.support.events.PoisonEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Records of one topic handled in one transaction, retried when the failure may pass (database briefly away, a
 * lock timeout); a poison payload is not retried. The policy can be changed in configuration, e.g.
 * {@code com.certtrack.notification.intake.PollIntake/accept/Retry/maxRetries}.
 */
@ApplicationScoped
public class PollIntake {

    private final EventIntake intake;

    public PollIntake(EventIntake intake) {
        this.intake = intake;
    }

    @Retry(maxRetries = 4, delay = 250, jitter = 100, abortOn = PoisonEventException.class)
    public void accept(String topic, List<String> payloads) {
        QuarkusTransaction.requiringNew().run(() -> intake.acceptAll(topic, payloads));
    }
}

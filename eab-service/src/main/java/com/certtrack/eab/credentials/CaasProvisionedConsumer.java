package com.certtrack.eab.credentials;

import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class CaasProvisionedConsumer {

    private final EventCodec codec;
    private final CredentialIntake intake;

    public CaasProvisionedConsumer(EventCodec codec, CredentialIntake intake) {
        this.codec = codec;
        this.intake = intake;
    }

    @Incoming("caas-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void consume(String payload) {
        if (codec.fromJson(payload) instanceof CaasProvisioned provisioned) {
            intake.accept(provisioned);
        }
    }
}

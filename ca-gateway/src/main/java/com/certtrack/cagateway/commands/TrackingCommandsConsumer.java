package com.certtrack.cagateway.commands;

import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.RefreshRequested;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Commands from tracking-service: refresh, reissue, DCV actions, cancel, revoke. */
@ApplicationScoped
public class TrackingCommandsConsumer {

    private final EventCodec codec;
    private final CommandIntake intake;

    public TrackingCommandsConsumer(EventCodec codec, CommandIntake intake) {
        this.codec = codec;
        this.intake = intake;
    }

    @Incoming("tracking-commands-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void consume(String payload) {
        CertTrackEvent event = codec.fromJson(payload);
        if (event instanceof RefreshRequested refresh) {
            intake.refresh(refresh);
        } else if (event instanceof ReissueRequested reissue) {
            intake.reissue(reissue);
        } else if (event instanceof DcvActionRequested dcv) {
            intake.dcvAction(dcv);
        } else if (event instanceof CancelRequested cancel) {
            intake.cancel(cancel);
        } else if (event instanceof RevokeRequested revoke) {
            intake.revoke(revoke);
        }
        // Other commands on the topic (reminder settings) are for other services.
    }
}

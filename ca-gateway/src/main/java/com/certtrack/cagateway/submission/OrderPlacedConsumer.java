package com.certtrack.cagateway.submission;

import com.certtrack.contracts.OrderPlaced;
import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes every line of a placed order into the gateway's table; the submission job then talks to the CA. The
 * consumer itself only writes to the database, so a CA outage never holds up or dead-letters an order.
 */
@ApplicationScoped
public class OrderPlacedConsumer {

    private final EventCodec codec;
    private final LineIntake intake;

    public OrderPlacedConsumer(EventCodec codec, LineIntake intake) {
        this.codec = codec;
        this.intake = intake;
    }

    /** Poison events go to orders.v1.dlq at once; a database hiccup is retried first. */
    @Incoming("orders-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void consume(String payload) {
        if (codec.fromJson(payload) instanceof OrderPlaced placed) {
            intake.accept(placed);
        }
    }
}

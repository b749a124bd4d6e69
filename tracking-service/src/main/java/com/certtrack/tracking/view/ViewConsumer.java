package com.certtrack.tracking.view;

import com.certtrack.support.events.EventCodec;
import com.certtrack.support.events.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the view from the three source topics and this service's own commands (what is pending, reminder settings) (group {@code tracking-service}, from the earliest offset). A poison
 * record goes to the topic's {@code .dlq} twin at once; a database hiccup is retried first.
 */
@ApplicationScoped
public class ViewConsumer {

    private final EventCodec codec;
    private final ViewProjector projector;

    public ViewConsumer(EventCodec codec, ViewProjector projector) {
        this.codec = codec;
        this.projector = projector;
    }

    @Incoming("orders-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void orders(String payload) {
        projector.apply(codec.fromJson(payload));
    }

    @Incoming("ca-orders-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void caOrders(String payload) {
        projector.apply(codec.fromJson(payload));
    }

    @Incoming("caas-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void caas(String payload) {
        projector.apply(codec.fromJson(payload));
    }

    /** Commands are applied when published too; this makes them part of the view's history (rebuilds, replicas). */
    @Incoming("tracking-commands-v1")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, jitter = 200, abortOn = PoisonEventException.class)
    public void commands(String payload) {
        projector.apply(codec.fromJson(payload));
    }
}

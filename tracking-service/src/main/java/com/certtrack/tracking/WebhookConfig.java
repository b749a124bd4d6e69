package com.certtrack.tracking;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code certtrack.tracking.webhooks.*}: a group of {@link com.certtrack.tracking.TrackingConfig}. */
public interface WebhookConfig {

    /** Endpoints one line may register (its own, whatever their scope). */
    @WithDefault("5")
    int maxPerLine();

    /** Extra CA certificates (PEM text, or the path of a PEM file) trusted besides the JVM's. */
    Optional<String> trustBundle();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Whole request, response headers included; a receiver should answer fast and work later. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How often the delivery job looks for due deliveries (the scheduler's finest step is 1 s). */
    @WithDefault("1s")
    String pollInterval();

    /** Deliveries in flight at once: a sliding window, refilled as each request ends. */
    @WithDefault("20")
    int batchSize();

    Retry retry();

    interface Retry {
        /** Delay after the first failed attempt; doubled after each further one, with jitter... */
        @WithDefault("10s")
        Duration initialDelay();

        /** ...up to this. */
        @WithDefault("1h")
        Duration maxDelay();

        /** Attempts in all before a delivery is FAILED. */
        @WithDefault("8")
        int maxAttempts();
    }
}

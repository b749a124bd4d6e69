package com.certtrack.tracking.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next attempt: initial x 2^(attempts-1), capped, then "equal jitter" (half fixed, half random),
 * so receivers that come back after an outage are not hit by every sender in the same second.
 */
public final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** @param attempts attempts made so far (1 after the first failure) */
    public Duration after(int attempts) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        for (int i = 1; i < attempts && base < cap; i++) {
            base *= 2;
        }
        base = Math.min(base, cap);
        long half = base / 2;
        return Duration.ofMillis(base - half + (long) (random.getAsDouble() * half));
    }
}

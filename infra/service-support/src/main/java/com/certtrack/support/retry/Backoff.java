package com.certtrack.support.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The one retry schedule of every service: the initial delay doubled after each further failure, capped at the
 * maximum. With jitter, "equal jitter" (half the delay fixed, half random), so senders that failed together, as
 * after an outage, do not all come back in the same second.
 *
 * @param random numbers in [0, 1) for the jitter, or null for none
 */
public record Backoff(Duration initial, Duration max, DoubleSupplier random) {

    /** Doubling delays without jitter. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, null);
    }

    /** Doubling delays, each with half of it random. */
    public static Backoff withJitter(Duration initial, Duration max) {
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param failures failed attempts so far (1 after the first failure) */
    public Duration after(int failures) {
        long cap = max.toMillis();
        long delay = Math.min(initial.toMillis(), cap);
        for (int i = 1; i < failures && delay < cap; i++) {
            delay = Math.min(delay * 2, cap);
        }
        if (random == null) {
            return Duration.ofMillis(delay);
        }
        long half = delay / 2;
        return Duration.ofMillis(delay - half + (long) (random.getAsDouble() * half));
    }
}

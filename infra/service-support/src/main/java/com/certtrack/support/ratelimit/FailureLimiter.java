package com.certtrack.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Limits failed attempts (wrong CA References, bad tokens) per client address, so that credentials cannot be
 * enumerated: a client may fail {@code budget} times, then gets 429 with Retry-After until the budget refills
 * over {@code window}. Successes cost nothing (see {@link #begin}). Per instance, in memory, bounded. {@link #spend}
 * uses the same budget for requests that are costly whatever their outcome (each one makes outbound connections).
 */
public final class FailureLimiter {

    private final int budget;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    public FailureLimiter(int budget, Duration window) {
        this.budget = budget;
        this.window = window;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(window)
                .maximumSize(200_000)
                .build();
    }

    /** One attempt in flight: it holds one unit of the budget, given back if the attempt succeeds. */
    public static final class Attempt {
        private final Bucket bucket;
        private boolean settled;

        private Attempt(Bucket bucket) {
            this.bucket = bucket;
        }

        /** The attempt succeeded: successes cost nothing. */
        public synchronized void succeeded() {
            if (!settled) {
                settled = true;
                bucket.addTokens(1);
            }
        }
    }

    /**
     * Takes one unit before the attempt is checked, so parallel attempts can never spend more than the budget
     * (checking first and counting afterwards lets every request in flight through).
     *
     * @throws TooManyAttemptsException 429 with Retry-After when the client has used up its budget
     */
    public Attempt begin(String client) {
        Bucket bucket = bucket(client);
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new TooManyAttemptsException(seconds);
        }
        return new Attempt(bucket);
    }

    /** @throws TooManyAttemptsException when the budget is used up; otherwise takes one from it */
    public void spend(String client) {
        begin(client);
    }

    private Bucket bucket(String client) {
        return buckets.get(
                client,
                key -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(budget)
                                .refillGreedy(budget, window)
                                .build())
                        .build());
    }
}

package com.certtrack.support.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Limits failed attempts (wrong CA References, bad tokens) per client address, so that credentials cannot be
 * enumerated: a client may fail {@code budget} times, then gets 429 with Retry-After until the budget refills
 * over {@code window}. Successes cost nothing. Per instance, in memory, bounded. {@link #spend} uses the same
 * budget for requests that are costly whatever their outcome (each one makes outbound connections).
 */
public final class FailureLimiter {

    private final int budget;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    public FailureLimiter(int budget, Duration window) {
        this.budget = budget;
        this.window = window;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(200_000).build();
    }

    /** @throws TooManyAttemptsException 429 with Retry-After when the client has used up its budget */
    public void checkAllowed(String client) {
        Bucket bucket = bucket(client);
        if (bucket.getAvailableTokens() < 1) {
            long seconds = Math.max(1, Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill())
                    .toSeconds() + 1);
            throw new TooManyAttemptsException(seconds);
        }
    }

    /** @throws TooManyAttemptsException when the budget is used up; otherwise takes one from it */
    public void spend(String client) {
        checkAllowed(client);
        recordFailure(client);
    }

    public void recordFailure(String client) {
        bucket(client).tryConsume(1);
    }

    private Bucket bucket(String client) {
        return buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(budget).refillGreedy(budget, window).build())
                .build());
    }
}

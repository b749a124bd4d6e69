package com.certtrack.ca.limits;

import com.certtrack.ca.CaConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * One limit: a token bucket per key (client address, account), held in memory and bounded. A bucket untouched for a
 * whole period is full again, so forgetting it then loses nothing; beyond {@code maxKeys} the least recently used
 * are forgotten, so a flood of keys costs bounded memory.
 */
public final class TokenBuckets {

    private final int capacity;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public TokenBuckets(int capacity, Duration period, int maxKeys) {
        this.capacity = capacity;
        this.period = period;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(period)
                .maximumSize(maxKeys)
                .build();
    }

    public TokenBuckets(CaConfig.Limit limit, int maxKeys) {
        this(limit.capacity(), limit.period(), maxKeys);
    }

    /** @return 0 when {@code key} had a token (now taken), else the seconds until the next one */
    public long take(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** Returns a token taken for an attempt that turned out not to count (a validation that passed). */
    public void giveBack(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    public int capacity() {
        return capacity;
    }

    public Duration period() {
        return period;
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                ignored -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, period)
                                .build())
                        .build());
    }
}

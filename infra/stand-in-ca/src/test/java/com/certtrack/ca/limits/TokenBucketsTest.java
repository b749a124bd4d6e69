package com.certtrack.ca.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bucket arithmetic behind every limit: capacity, Retry-After, tokens given back, keys apart. */
class TokenBucketsTest {

    @Test
    void capacityThenRetryAfterTheNextRefillKeysApart() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofHours(3), 1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("a"));
        }
        long wait = buckets.take("a");
        assertTrue(wait > 3500 && wait <= 3600, "one token per hour: " + wait);
        assertEquals(0, buckets.take("b"), "another key has its own bucket");
        assertEquals("3 per 3h", RateLimits.describe(buckets));
    }

    @Test
    void aTokenGivenBackCanBeTakenAgain() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofHours(1), 1000);
        assertEquals(0, buckets.take("a"));
        assertTrue(buckets.take("a") > 0);
        buckets.giveBack("a");
        assertEquals(0, buckets.take("a"));
        buckets.giveBack("never-seen");
    }
}

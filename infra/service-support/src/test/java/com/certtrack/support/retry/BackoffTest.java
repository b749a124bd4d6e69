package com.certtrack.support.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void doublesAfterEachFailureUpToTheCap() {
        Backoff backoff = Backoff.exponential(Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertEquals(Duration.ofSeconds(2), backoff.after(1));
        assertEquals(Duration.ofSeconds(4), backoff.after(2));
        assertEquals(Duration.ofSeconds(256), backoff.after(8));
        assertEquals(Duration.ofMinutes(5), backoff.after(9));
        assertEquals(Duration.ofMinutes(5), backoff.after(Integer.MAX_VALUE), "no overflow however many failures");
        assertEquals(Duration.ofSeconds(2), backoff.after(0), "before any failure: the initial delay");
    }

    @Test
    void withJitterHalfOfEachDelayIsRandom() {
        Backoff least = new Backoff(INITIAL, MAX, () -> 0.0);
        Backoff most = new Backoff(INITIAL, MAX, () -> 0.999_999);
        assertEquals(Duration.ofSeconds(5), least.after(1));
        assertEquals(Duration.ofMillis(9_999), most.after(1));
        assertEquals(Duration.ofSeconds(10), least.after(2));
        assertEquals(Duration.ofSeconds(20), least.after(3));
        assertEquals(Duration.ofSeconds(640), least.after(8));
        assertEquals(Duration.ofMinutes(30), least.after(10), "1h cap, then half of it jittered");
        assertEquals(Duration.ofMinutes(30), least.after(1000), "no overflow however many attempts");
        assertEquals(Duration.ofMillis(3_599_998), most.after(1000));
    }
}

package com.certtrack.support.ratelimit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    @Test
    void failuresUseUpTheBudgetOfOneClientOnly() {
        FailureLimiter limiter = new FailureLimiter(2, Duration.ofHours(1));
        limiter.begin("192.0.2.1").succeeded();
        limiter.begin("192.0.2.1");
        limiter.begin("192.0.2.1").succeeded();
        limiter.begin("192.0.2.1");
        var refused = assertThrows(TooManyAttemptsException.class, () -> limiter.begin("192.0.2.1"));
        assertTrue(refused.getMessage() == null || !refused.getMessage().contains("192.0.2.1"));
        assertTrue(refused.retryAfterSeconds() >= 1);
        assertDoesNotThrow(() -> limiter.begin("192.0.2.2"));
    }

    @Test
    void parallelAttemptsNeverGetMoreThanTheBudget() throws Exception {
        FailureLimiter limiter = new FailureLimiter(10, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        limiter.begin("203.0.113.9"); // a wrong reference: never succeeds
                        return true;
                    } catch (TooManyAttemptsException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int let = 0;
            for (Future<Boolean> attempt : attempts) {
                let += attempt.get() ? 1 : 0;
            }
            assertEquals(10, let);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void spendingTakesFromTheBudgetWhateverTheOutcome() {
        FailureLimiter limiter = new FailureLimiter(3, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limiter.spend("198.51.100.7");
        }
        assertThrows(TooManyAttemptsException.class, () -> limiter.spend("198.51.100.7"));
        assertDoesNotThrow(() -> limiter.spend("198.51.100.8"));
    }
}

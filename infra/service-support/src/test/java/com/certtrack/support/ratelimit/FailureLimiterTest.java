package com.certtrack.support.ratelimit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    @Test
    void failuresUseUpTheBudgetOfOneClientOnly() {
        FailureLimiter limiter = new FailureLimiter(2, Duration.ofHours(1));
        limiter.recordFailure("192.0.2.1");
        limiter.recordFailure("192.0.2.1");
        var refused = assertThrows(TooManyAttemptsException.class, () -> limiter.checkAllowed("192.0.2.1"));
        assertTrue(refused.getMessage() == null || !refused.getMessage().contains("192.0.2.1"));
        assertDoesNotThrow(() -> limiter.checkAllowed("192.0.2.2"));
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

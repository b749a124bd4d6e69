package com.certtrack.ca.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The nonce rules on a clock the test turns: once only, within the lifetime, only nonces this process issued. */
class AcmeNoncesTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private AcmeNonces nonces(int perGeneration) {
        return new AcmeNonces(Duration.ofMinutes(60), Duration.ofMinutes(2), perGeneration, now::get);
    }

    @Test
    void aNonceIsAcceptedOnceAndOnlyWhileItLives() {
        AcmeNonces nonces = nonces(1024);
        String first = nonces.issue();
        String second = nonces.issue();
        assertNotEquals(first, second);
        assertTrue(nonces.consume(first));
        assertFalse(nonces.consume(first), "reused");
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        assertTrue(nonces.consume(second), "still within its hour");
        String late = nonces.issue();
        now.addAndGet(Duration.ofMinutes(61).toMillis());
        assertFalse(nonces.consume(late), "expired");
        assertTrue(nonces.consume(nonces.issue()), "a fresh one after the expiry");
    }

    @Test
    void forgedTruncatedAndForeignNoncesAreRefused() {
        AcmeNonces nonces = nonces(1024);
        String nonce = nonces.issue();
        char last = nonce.charAt(nonce.length() - 1);
        assertFalse(nonces.consume(nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A')));
        assertFalse(nonces.consume(nonce.substring(1)));
        assertFalse(nonces.consume(null));
        assertFalse(nonces.consume(""));
        assertFalse(nonces.consume("!".repeat(nonce.length())));
        assertFalse(nonces.consume(nonces(1024).issue()), "another process's key");
        assertTrue(nonces.consume(nonce), "the tampered copies did not use it up");
    }

    @Test
    void aFloodRollsGenerationsAndOnlyTheOldestNoncesAreLost() {
        AcmeNonces nonces = nonces(64);
        String oldest = nonces.issue();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 64 * AcmeNonces.RING; i++) {
            assertTrue(seen.add(nonces.issue()), "unique");
        }
        assertFalse(nonces.consume(oldest), "its generation left the ring");
        String recent = nonces.issue();
        assertTrue(nonces.consume(recent));
        assertEquals(64 * AcmeNonces.RING, seen.size());
    }
}

package com.certtrack.ca.acme;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replay nonces (RFC 8555 §6.5): 128 random bits each, accepted once and for at most an hour. Kept in memory: they
 * are cheap to lose (a client that sends a stale one gets badNonce with a fresh one and retries), and every JWS
 * request needs one, so a database round trip here would cost every call.
 */
@ApplicationScoped
public class AcmeNonces {

    static final long LIFETIME_MILLIS = 60 * 60 * 1000L;
    /** Beyond this many outstanding nonces the oldest are dropped; clients retry badNonce transparently. */
    static final int MAX_OUTSTANDING = 200_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ConcurrentHashMap<String, Long> issued = new ConcurrentHashMap<>();

    public String issue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = BASE64URL.encodeToString(bytes);
        issued.put(nonce, System.currentTimeMillis() + LIFETIME_MILLIS);
        if (issued.size() > MAX_OUTSTANDING) {
            purge(System.currentTimeMillis() + LIFETIME_MILLIS / 2);
        }
        return nonce;
    }

    /** @return true exactly once for a nonce this server issued within its lifetime */
    public boolean consume(String nonce) {
        if (nonce == null) {
            return false;
        }
        Long expiry = issued.remove(nonce);
        return expiry != null && expiry >= System.currentTimeMillis();
    }

    @Scheduled(every = "60s")
    void purgeExpired() {
        purge(System.currentTimeMillis());
    }

    private void purge(long before) {
        issued.values().removeIf(expiry -> expiry < before);
    }
}

package com.certtrack.ca.acme;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replay nonces (RFC 8555 §6.5) that cost no memory per nonce: a nonce is {@code generation (4 bytes) | sequence
 * (4 bytes) | HMAC-SHA256 of both, truncated to 16 bytes} in base64url, under a key drawn at start. The HMAC proves
 * the CA issued it; a bitmap per generation remembers which sequence numbers were used. A generation lasts
 * {@link #SLOT} or {@link #PER_GENERATION} nonces, whichever ends first, and its bitmap is dropped as a whole when
 * it leaves the ring of {@link #RING} generations or its nonces pass their lifetime. Memory is therefore at most
 * {@code RING × PER_GENERATION} bits (1 MiB, room for 8 million outstanding nonces) however many nonces are requested; a flood only makes old nonces
 * expire early, and a client with an expired nonce gets badNonce with a fresh one and retries. Issue and check are
 * O(1). A restart (new key) or a second replica answers badNonce the same way.
 */
@ApplicationScoped
public class AcmeNonces {

    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration SLOT = Duration.ofMinutes(2);
    static final int PER_GENERATION = 1 << 18;
    static final int RING = 32;

    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = 8 + MAC_BYTES;
    private static final int NONCE_CHARS = 32;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** One generation: its number, when it began, the next sequence number and the used ones. */
    private static final class Generation {
        final int number;
        final long startedAt;
        final AtomicInteger next = new AtomicInteger();
        final AtomicLongArray used;

        Generation(int number, long startedAt, int size) {
            this.number = number;
            this.startedAt = startedAt;
            this.used = new AtomicLongArray(size / 64);
        }

        /** @return true the first time {@code sequence} is marked */
        boolean mark(int sequence) {
            int word = sequence >>> 6;
            long bit = 1L << (sequence & 63);
            while (true) {
                long bits = used.get(word);
                if ((bits & bit) != 0) {
                    return false;
                }
                if (used.compareAndSet(word, bits, bits | bit)) {
                    return true;
                }
            }
        }
    }

    private final long lifetimeMillis;
    private final long slotMillis;
    private final int perGeneration;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final AtomicReferenceArray<Generation> ring = new AtomicReferenceArray<>(RING);
    private volatile Generation current;

    @Inject
    public AcmeNonces() {
        this(LIFETIME, SLOT, PER_GENERATION, System::currentTimeMillis);
    }

    AcmeNonces(Duration lifetime, Duration slot, int perGeneration, LongSupplier clock) {
        if (perGeneration % 64 != 0 || slot.compareTo(lifetime) > 0) {
            throw new IllegalArgumentException("generation size must be a multiple of 64, slot within lifetime");
        }
        this.lifetimeMillis = lifetime.toMillis();
        this.slotMillis = slot.toMillis();
        this.perGeneration = perGeneration;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.current = new Generation(0, clock.getAsLong(), perGeneration);
        ring.set(0, current);
    }

    public String issue() {
        while (true) {
            Generation generation = current;
            if (clock.getAsLong() - generation.startedAt < slotMillis) {
                int sequence = generation.next.getAndIncrement();
                if (sequence >= 0 && sequence < perGeneration) {
                    return encode(generation.number, sequence);
                }
            }
            advance(generation);
        }
    }

    /** @return true exactly once for a nonce this process issued, within its lifetime */
    public boolean consume(String nonce) {
        if (nonce == null || nonce.length() != NONCE_CHARS) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length != NONCE_BYTES) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int number = buffer.getInt();
        int sequence = buffer.getInt();
        byte[] expected = mac(number, sequence);
        byte[] presented = new byte[MAC_BYTES];
        buffer.get(presented);
        if (!MessageDigest.isEqual(expected, presented) || sequence < 0 || sequence >= perGeneration) {
            return false;
        }
        Generation generation = ring.get(Math.floorMod(number, RING));
        if (generation == null
                || generation.number != number
                || clock.getAsLong() - generation.startedAt >= lifetimeMillis) {
            return false;
        }
        return generation.mark(sequence);
    }

    /** Rare (once a slot, or after {@code perGeneration} nonces): the one place that allocates a bitmap. */
    private synchronized void advance(Generation seen) {
        if (current != seen) {
            return;
        }
        Generation next = new Generation(seen.number + 1, clock.getAsLong(), perGeneration);
        ring.set(Math.floorMod(next.number, RING), next);
        current = next;
    }

    private String encode(int number, int sequence) {
        return BASE64URL.encodeToString(ByteBuffer.allocate(NONCE_BYTES)
                .putInt(number)
                .putInt(sequence)
                .put(mac(number, sequence))
                .array());
    }

    private byte[] mac(int number, int sequence) {
        Mac mac = macs.get();
        byte[] full = mac.doFinal(
                ByteBuffer.allocate(8).putInt(number).putInt(sequence).array());
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.certtrack.support.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring tokens of one line: {@code <payload>.<mac>}, both base64url without padding. The payload is
 * {@code 2|purpose|lineId|orderNumber|issuedAtMillis|expiryEpochSeconds}; the MAC is HMAC-SHA256 over the encoded
 * payload. A token is not the CA Reference and cannot be turned into it. Its {@link Purpose} says what it opens,
 * and every verifier checks it: an e-mail link only shows the status. notification-service signs links,
 * tracking-service signs access tokens and verifies both, all with {@code certtrack.keys.link-signing}.
 */
public final class LinkToken {

    /** What a token was handed out for. */
    public enum Purpose {
        /** In an e-mail: opens the read-only status view of the line (status, DCV instructions, live updates). */
        LINK,
        /** From a lookup with the CA Reference itself: also acts on the line (reissue, revoke, cancel, reveal). */
        ACCESS
    }

    /** What a valid token says; {@code issuedAt} lets a line withdraw every token handed out before a moment. */
    public record Claims(Purpose purpose, String lineId, String orderNumber, Instant issuedAt, Instant expiresAt) {}

    private static final String VERSION = "2";
    private static final char SEPARATOR = '|';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAC_LENGTH = 32;

    private final SecretKeySpec key;

    public LinkToken(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the link-signing key needs at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** @param base64Key the configured {@code certtrack.keys.link-signing} value (standard base64) */
    public static LinkToken fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("no link-signing key configured");
        }
        return new LinkToken(Base64.getDecoder().decode(base64Key.trim()));
    }

    public String sign(Purpose purpose, String lineId, String orderNumber, Instant issuedAt, Instant expiresAt) {
        requireField("lineId", lineId);
        requireField("orderNumber", orderNumber);
        String payload = VERSION
                + SEPARATOR
                + purpose.name()
                + SEPARATOR
                + lineId
                + SEPARATOR
                + orderNumber
                + SEPARATOR
                + issuedAt.toEpochMilli()
                + SEPARATOR
                + expiresAt.getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + '.' + ENCODER.encodeToString(mac(encoded));
    }

    /**
     * @return the claims when the signature is right and {@code now} is before the expiry; empty for anything
     *         else (malformed, forged, expired), without saying which
     */
    public Optional<Claims> verify(String token, Instant now) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        byte[] presented;
        try {
            presented = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Always compute and compare the full MAC: the comparison takes the same time wherever the bytes differ.
        byte[] expected = mac(encoded);
        boolean signed = presented.length == MAC_LENGTH && MessageDigest.isEqual(expected, presented);
        if (!signed) {
            return Optional.empty();
        }
        String[] fields = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        Purpose purpose;
        Instant issuedAt;
        Instant expiresAt;
        try {
            purpose = Purpose.valueOf(fields[1]);
            issuedAt = Instant.ofEpochMilli(Long.parseLong(fields[4]));
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[5]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new Claims(purpose, fields[2], fields[3], issuedAt, expiresAt));
    }

    private byte[] mac(String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("unusable link-signing key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static void requireField(String name, String value) {
        if (value == null || value.isEmpty() || value.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException(name + " must be non-empty and must not contain '|'");
        }
    }
}

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
 * Signed, expiring tokens for links in e-mails: {@code <payload>.<mac>}, both base64url without padding. The
 * payload is {@code 1|lineId|orderNumber|expiryEpochSeconds}; the MAC is HMAC-SHA256 over the encoded payload. A
 * token opens the tracking portal for one line; it is not the CA Reference and cannot be turned into it.
 * notification-service signs, tracking-service verifies, both with {@code certtrack.keys.link-signing}.
 */
public final class LinkToken {

    /** What a valid token says. */
    public record Claims(String lineId, String orderNumber, Instant expiresAt) {
    }

    private static final String VERSION = "1";
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

    public String sign(String lineId, String orderNumber, Instant expiresAt) {
        requireField("lineId", lineId);
        requireField("orderNumber", orderNumber);
        String payload = VERSION + SEPARATOR + lineId + SEPARATOR + orderNumber + SEPARATOR
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
        if (fields.length != 4 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new Claims(fields[1], fields[2], expiresAt));
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

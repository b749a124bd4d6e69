package com.certtrack.support.links;

import static com.certtrack.support.links.LinkToken.Purpose.ACCESS;
import static com.certtrack.support.links.LinkToken.Purpose.LINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkTokenTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final LinkToken tokens = new LinkToken(randomKey());

    @Test
    void aSignedTokenVerifiesToItsLineUntilItExpires() {
        Instant expiry = NOW.plus(Duration.ofDays(30));
        String token = tokens.sign(LINK, "L-1", "CT-2026-000123", NOW, expiry);

        LinkToken.Claims claims = tokens.verify(token, NOW).orElseThrow();
        assertEquals("L-1", claims.lineId());
        assertEquals("CT-2026-000123", claims.orderNumber());
        assertEquals(expiry, claims.expiresAt());
        assertEquals(LinkToken.Purpose.LINK, claims.purpose());
        assertEquals(NOW, claims.issuedAt());
        assertTrue(tokens.verify(token, expiry.minusSeconds(1)).isPresent());
        assertFalse(tokens.verify(token, expiry).isPresent(), "expired at its expiry instant");
    }

    @Test
    void thePurposeIsSignedWithTheToken() {
        String access = tokens.sign(ACCESS, "L-1", "CT-1", NOW, NOW.plusSeconds(900));
        assertEquals(ACCESS, tokens.verify(access, NOW).orElseThrow().purpose());
        // A link cannot be relabelled as an access token: the purpose is part of the signed payload.
        String link = tokens.sign(LINK, "L-1", "CT-1", NOW, NOW.plusSeconds(900));
        String payload = new String(
                        Base64.getUrlDecoder().decode(link.substring(0, link.indexOf('.'))),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("|LINK|", "|ACCESS|");
        String relabelled = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + link.substring(link.indexOf('.'));
        assertFalse(tokens.verify(relabelled, NOW).isPresent());
    }

    @Test
    void tokensAreUrlSafe() {
        String token = tokens.sign(LINK, "line/with+odd?chars", "CT-1", NOW, NOW.plusSeconds(60));
        assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), token);
    }

    @Test
    void aTamperedPayloadOrSignatureIsRejected() {
        String token = tokens.sign(LINK, "L-1", "CT-1", NOW, NOW.plusSeconds(600));
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String otherLine = new LinkToken(randomKey()).sign(LINK, "L-2", "CT-1", NOW, NOW.plusSeconds(600));
        String forgedPayload = otherLine.substring(0, otherLine.indexOf('.'));

        assertFalse(tokens.verify(forgedPayload + "." + signature, NOW).isPresent());
        assertFalse(tokens.verify(payload + "." + signature.substring(1), NOW).isPresent());
        assertFalse(tokens.verify(payload, NOW).isPresent());
        assertFalse(tokens.verify(payload + "." + signature + ".x", NOW).isPresent());
        assertFalse(tokens.verify("not a token", NOW).isPresent());
        assertFalse(tokens.verify(null, NOW).isPresent());
    }

    @Test
    void anotherKeyDoesNotVerify() {
        String token = tokens.sign(LINK, "L-1", "CT-1", NOW, NOW.plusSeconds(600));
        assertFalse(new LinkToken(randomKey()).verify(token, NOW).isPresent());
    }

    @Test
    void theConfiguredBase64KeyIsAccepted() {
        byte[] key = randomKey();
        LinkToken signer = LinkToken.fromBase64Key(Base64.getEncoder().encodeToString(key));
        assertTrue(new LinkToken(key)
                .verify(signer.sign(LINK, "L", "O", NOW, NOW.plusSeconds(5)), NOW)
                .isPresent());
        assertThrows(IllegalArgumentException.class, () -> new LinkToken(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> tokens.sign(LINK, "a|b", "O", NOW, NOW));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}

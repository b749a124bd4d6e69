package com.certtrack.support.sealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AtRestCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] SECRET = "whsec_c2VjcmV0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW = "row-1".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aValueComesBackOnlyForItsOwnRowAndKey() throws Exception {
        AtRestCipher cipher = new AtRestCipher("test.key", KEY);
        byte[] stored = cipher.encrypt(SECRET, ROW);
        assertArrayEquals(SECRET, cipher.decrypt(stored, ROW));
        assertFalse(Arrays.equals(stored, cipher.encrypt(SECRET, ROW)), "a fresh IV each time");
        assertThrows(
                GeneralSecurityException.class,
                () -> cipher.decrypt(stored, "row-2".getBytes(StandardCharsets.US_ASCII)));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThrows(
                GeneralSecurityException.class,
                () -> new AtRestCipher("test.key", Base64.getEncoder().encodeToString(otherKey)).decrypt(stored, ROW));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithTheSettingsName() {
        var refused = assertThrows(
                IllegalArgumentException.class,
                () -> new AtRestCipher("certtrack.keys.x", Base64.getEncoder().encodeToString(new byte[16])));
        assertFalse(refused.getMessage().contains("AAAA"));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().startsWith("certtrack.keys.x"));
    }
}

package com.certtrack.support.sealing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets a service must keep and use again (EAB HMAC keys, webhook signing secrets): a fresh
 * 96-bit IV per value, stored in front of the ciphertext and tag. The associated data binds a ciphertext to its
 * row (key id, endpoint id), so it cannot be moved to another one.
 */
public final class AtRestCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param base64Key 32 bytes, base64; {@code name} is the setting it came from, for the error message */
    public AtRestCipher(String name, String base64Key) {
        byte[] bytes = Base64.getDecoder().decode(base64Key.trim());
        if (bytes.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(IV_BYTES + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws GeneralSecurityException when the value was not encrypted under this key and associated data */
    public byte[] decrypt(byte[] stored, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
    }
}

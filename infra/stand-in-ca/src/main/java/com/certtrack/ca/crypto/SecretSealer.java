package com.certtrack.ca.crypto;

import com.certtrack.ca.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest (CA private keys, CA References, EAB HMAC keys). The purpose string is bound as
 * associated data, so a sealed value copied to another row or column does not open.
 */
@ApplicationScoped
public class SecretSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    public SecretSealer(CaConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.keyEncryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("certtrack.ca.key-encryption-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("certtrack.ca.key-encryption-key must be 32 bytes (AES-256), base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] seal(byte[] plaintext, String purpose) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public byte[] open(byte[] sealed, String purpose) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // Wrong key-encryption key or a tampered row; the message names neither the value nor the key.
            throw new IllegalStateException("cannot open a sealed " + purpose.split(":")[0]
                    + ": wrong certtrack.ca.key-encryption-key or tampered data");
        }
    }

    public byte[] seal(String plaintext, String purpose) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), purpose);
    }

    public String openString(byte[] sealed, String purpose) {
        return new String(open(sealed, purpose), StandardCharsets.UTF_8);
    }
}

package com.certtrack.eab.credentials;

import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Unsealer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the EAB HMAC key sealed for this service on Kafka and keeps it AES-256-GCM encrypted at rest; the key id
 * is bound as associated data, so a ciphertext cannot be moved to another credential.
 */
@ApplicationScoped
public class SecretVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Unsealer unsealer;
    private final SecretKeySpec storageKey;
    private final SecureRandom random = new SecureRandom();

    public SecretVault(@ConfigProperty(name = "certtrack.keys.eab-private-key") String privateKey,
            @ConfigProperty(name = "certtrack.keys.eab-public-key") String publicKey,
            @ConfigProperty(name = "certtrack.keys.eab-storage") String storageKey) {
        this.unsealer = new Unsealer(Pem.privateKey(privateKey), Pem.publicKey(publicKey));
        byte[] key = Base64.getDecoder().decode(storageKey.trim());
        if (key.length != 32) {
            throw new IllegalArgumentException("certtrack.keys.eab-storage must be 32 bytes (base64)");
        }
        this.storageKey = new SecretKeySpec(key, "AES");
    }

    public String unseal(String sealed) {
        return new String(unsealer.unseal(sealed), StandardCharsets.US_ASCII);
    }

    public byte[] encrypt(String hmacKey, String keyId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, storageKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(hmacKey.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(byte[] stored, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, storageKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored EAB key cannot be decrypted with the configured storage key");
        }
    }
}

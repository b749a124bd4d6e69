package com.certtrack.tracking.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing secrets of webhook endpoints: made here ({@code whsec_} + base64 of 32 random bytes, the Standard Webhooks
 * form), shown once, and kept AES-256-GCM encrypted under {@code certtrack.keys.webhook-secret} with the endpoint id
 * as associated data, so a ciphertext cannot be moved to another endpoint.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec storageKey;
    private final SecureRandom random = new SecureRandom();

    public WebhookSecrets(@ConfigProperty(name = "certtrack.keys.webhook-secret") String storageKey) {
        byte[] key = Base64.getDecoder().decode(storageKey.trim());
        if (key.length != 32) {
            throw new IllegalArgumentException("certtrack.keys.webhook-secret must be 32 bytes (base64)");
        }
        this.storageKey = new SecretKeySpec(key, "AES");
    }

    public String newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    public byte[] encrypt(String secret, UUID endpointId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, storageKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(byte[] stored, UUID endpointId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, storageKey, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(endpointId.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            // No detail: nothing about the secret or the key belongs in a message that may be logged.
            throw new IllegalStateException("webhook secret of endpoint " + endpointId
                    + " cannot be decrypted with the configured certtrack.keys.webhook-secret");
        }
    }
}

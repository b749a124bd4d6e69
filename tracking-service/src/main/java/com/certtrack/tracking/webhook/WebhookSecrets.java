package com.certtrack.tracking.webhook;

import com.certtrack.support.sealing.AtRestCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing secrets of webhook endpoints: made here ({@code whsec_} + base64 of 32 random bytes, the Standard Webhooks
 * form), shown once, and kept AES-256-GCM encrypted under {@code certtrack.keys.webhook-secret} with the endpoint id
 * as associated data, so a ciphertext cannot be moved to another endpoint.
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private final AtRestCipher cipher;
    private final SecureRandom random = new SecureRandom();

    public WebhookSecrets(@ConfigProperty(name = "certtrack.keys.webhook-secret") String storageKey) {
        this.cipher = new AtRestCipher("certtrack.keys.webhook-secret", storageKey);
    }

    public String newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    public byte[] encrypt(String secret, UUID endpointId) {
        return cipher.encrypt(secret.getBytes(StandardCharsets.US_ASCII), associatedData(endpointId));
    }

    public String decrypt(byte[] stored, UUID endpointId) {
        try {
            return new String(cipher.decrypt(stored, associatedData(endpointId)), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            // No detail: nothing about the secret or the key belongs in a message that may be logged.
            throw new IllegalStateException("webhook secret of endpoint " + endpointId
                    + " cannot be decrypted with the configured certtrack.keys.webhook-secret");
        }
    }

    private static byte[] associatedData(UUID endpointId) {
        return endpointId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

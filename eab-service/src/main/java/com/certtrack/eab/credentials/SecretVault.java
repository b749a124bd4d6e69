package com.certtrack.eab.credentials;

import com.certtrack.support.sealing.AtRestCipher;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Unsealer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the EAB HMAC key sealed for this service on Kafka and keeps it AES-256-GCM encrypted at rest; the key id
 * is bound as associated data, so a ciphertext cannot be moved to another credential.
 */
@ApplicationScoped
public class SecretVault {

    private final Unsealer unsealer;
    private final AtRestCipher cipher;

    public SecretVault(
            @ConfigProperty(name = "certtrack.keys.eab-private-key") String privateKey,
            @ConfigProperty(name = "certtrack.keys.eab-public-key") String publicKey,
            @ConfigProperty(name = "certtrack.keys.eab-storage") String storageKey) {
        this.unsealer = new Unsealer(Pem.privateKey(privateKey), Pem.publicKey(publicKey));
        this.cipher = new AtRestCipher("certtrack.keys.eab-storage", storageKey);
    }

    public String unseal(String sealed) {
        return new String(unsealer.unseal(sealed), StandardCharsets.US_ASCII);
    }

    public byte[] encrypt(String hmacKey, String keyId) {
        return cipher.encrypt(hmacKey.getBytes(StandardCharsets.US_ASCII), keyId.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(byte[] stored, String keyId) {
        try {
            return new String(
                    cipher.decrypt(stored, keyId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored EAB key cannot be decrypted with the configured storage key");
        }
    }
}

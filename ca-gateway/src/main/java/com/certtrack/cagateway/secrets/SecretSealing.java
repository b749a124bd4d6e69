package com.certtrack.cagateway.secrets;

import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Sealer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only place ca-gateway handles secrets, and only in memory: it hashes the CA Reference for the tracking
 * view and seals it for notification-service; it seals the EAB HMAC key for eab-service. Nothing here is stored.
 */
@ApplicationScoped
public class SecretSealing {

    private final ReferenceHasher hasher;
    private final Sealer forNotification;
    private final Sealer forEab;

    public SecretSealing(
            @ConfigProperty(name = "certtrack.keys.reference-hash") String hashKey,
            @ConfigProperty(name = "certtrack.keys.notification-public-key") String notificationKey,
            @ConfigProperty(name = "certtrack.keys.eab-public-key") String eabKey) {
        this.hasher = new ReferenceHasher(Base64.getDecoder().decode(hashKey.trim()));
        this.forNotification = new Sealer(Pem.publicKey(notificationKey));
        this.forEab = new Sealer(Pem.publicKey(eabKey));
    }

    /** A reference the CA handed us, in canonical form, or an error if the CA sent something malformed. */
    public Reference reference(String fromCa) {
        var normalised = CaReference.normalise(fromCa);
        String canonical = normalised
                .canonical()
                .orElseThrow(() -> new IllegalStateException("the CA returned a malformed reference: "
                        + normalised.problem().get()));
        return new Reference(
                hasher.hash(canonical),
                forNotification.seal(CaReference.format(canonical).getBytes(StandardCharsets.US_ASCII)));
    }

    public String sealEabKey(String hmacKey) {
        return forEab.seal(hmacKey.getBytes(StandardCharsets.US_ASCII));
    }

    public record Reference(String hash, String sealed) {}
}

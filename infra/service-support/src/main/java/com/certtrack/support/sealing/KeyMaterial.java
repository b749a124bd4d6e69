package com.certtrack.support.sealing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh keys for one deployment, as configuration properties: the reference-hash key, the link-signing key, the
 * EAB storage key, the webhook-secret key, and the sealing key pairs of notification-service and eab-service. Used by the test support
 * and by {@code infra/bin/certtrack} on first start (as environment variables).
 */
public final class KeyMaterial {

    private KeyMaterial() {}

    public static Map<String, String> generate() {
        SecureRandom random = new SecureRandom();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("certtrack.keys.reference-hash", randomKey(random));
        keys.put("certtrack.keys.link-signing", randomKey(random));
        keys.put("certtrack.keys.eab-storage", randomKey(random));
        keys.put("certtrack.keys.webhook-secret", randomKey(random));
        KeyPair notification = rsa(random);
        keys.put("certtrack.keys.notification-public-key", Pem.write(notification.getPublic()));
        keys.put("certtrack.keys.notification-private-key", Pem.write(notification.getPrivate()));
        KeyPair eab = rsa(random);
        keys.put("certtrack.keys.eab-public-key", Pem.write(eab.getPublic()));
        keys.put("certtrack.keys.eab-private-key", Pem.write(eab.getPrivate()));
        return keys;
    }

    /** Prints {@code CERTTRACK_KEYS_...='...'} lines for a shell to source. */
    public static void main(String[] args) {
        generate()
                .forEach((name, value) ->
                        System.out.println(name.toUpperCase().replace('.', '_').replace('-', '_') + "='"
                                + value.replace("\n", "\\n") + "'"));
    }

    private static String randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static KeyPair rsa(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

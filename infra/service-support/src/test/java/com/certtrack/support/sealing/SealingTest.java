package com.certtrack.support.sealing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealingTest {

    private static final Map<String, String> KEYS = KeyMaterial.generate();

    @Test
    void onlyTheRecipientOpensWhatIsSealedAndTheSealedFormHidesTheSecret() {
        byte[] secret = "7K3M-9Q2X-AB4D-EF5H-J".getBytes(StandardCharsets.US_ASCII);
        String sealed = new Sealer(Pem.publicKey(KEYS.get("certtrack.keys.notification-public-key"))).seal(secret);

        assertFalse(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1).contains("7K3M"));
        Unsealer notification = new Unsealer(
                Pem.privateKey(KEYS.get("certtrack.keys.notification-private-key")),
                Pem.publicKey(KEYS.get("certtrack.keys.notification-public-key")));
        assertArrayEquals(secret, notification.unseal(sealed));

        Unsealer eab = new Unsealer(
                Pem.privateKey(KEYS.get("certtrack.keys.eab-private-key")),
                Pem.publicKey(KEYS.get("certtrack.keys.eab-public-key")));
        assertThrows(IllegalArgumentException.class, () -> eab.unseal(sealed));
        assertThrows(IllegalArgumentException.class, () -> notification.unseal("bm90IHNlYWxlZA=="));
    }

    @Test
    void keysSurviveTheEnvironmentVariableForm() {
        String escaped = KEYS.get("certtrack.keys.eab-private-key").replace("\n", "\\n");
        org.junit.jupiter.api.Assertions.assertEquals(
                "RSA", Pem.privateKey(escaped).getAlgorithm());
    }
}

package com.certtrack.ca.issuance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Csrs;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** The fingerprint flags moduli with Infineon's structure and leaves ordinary RSA keys alone. */
class RocaFingerprintTest {

    @Test
    void flagsTheVulnerableStructureOnly() {
        for (int i = 0; i < 3; i++) {
            assertTrue(RocaFingerprint.matches(
                    ((RSAPublicKey) Csrs.rocaVulnerable().getPublic()).getModulus()));
        }
        for (int i = 0; i < 5; i++) {
            assertFalse(RocaFingerprint.matches(((RSAPublicKey) Csrs.rsa(2048).getPublic()).getModulus()));
        }
    }
}

package com.certtrack.support.reference;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256) under which a CA Reference is indexed. Only the hash is ever stored; the key is
 * shared by the services that index or look up references and never leaves their configuration.
 */
public final class ReferenceHasher {

    private final SecretKeySpec key;

    public ReferenceHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the reference hash key needs at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** @param canonical a reference already normalised by {@link CaReference#normalise(String)} */
    public String hash(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

package com.certtrack.ca.crypto;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;

/** The signature algorithm a CA key signs with: the hash matches the curve, RSA uses SHA-256. */
public final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    public static String forKey(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }
}

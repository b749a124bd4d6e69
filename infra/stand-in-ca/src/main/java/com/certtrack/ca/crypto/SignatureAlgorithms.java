package com.certtrack.ca.crypto;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The signature algorithm a CA key signs with: the hash matches the curve, RSA uses SHA-256. */
public final class SignatureAlgorithms {

    /** Named, not registered: the JVM's provider order stays as it is for everything else. */
    public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private SignatureAlgorithms() {}

    public static String forKey(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }

    /**
     * What every certificate, CRL and OCSP answer of the CA is signed with: BouncyCastle's implementation, an order
     * of magnitude faster for ECDSA than the JDK's default (SunEC) on the same key.
     */
    public static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(forKey(key))
                .setProvider(BOUNCY_CASTLE)
                .build(key);
    }
}

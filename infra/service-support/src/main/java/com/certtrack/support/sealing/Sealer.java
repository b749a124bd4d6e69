package com.certtrack.support.sealing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Seals a secret for one recipient service: CMS EnvelopedData, AES-256 content key wrapped with the recipient's
 * RSA public key (OAEP, SHA-256). Only the holder of the private key can open it, so the sealed form may cross
 * Kafka and be retained there.
 */
public final class Sealer {

    private final PublicKey recipient;
    private final byte[] keyId;

    public Sealer(PublicKey recipient) {
        this.recipient = recipient;
        this.keyId = keyIdOf(recipient);
    }

    public String seal(byte[] secret) {
        try {
            var oaep = new JcaAlgorithmParametersConverter()
                    .getAlgorithmIdentifier(
                            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP,
                            new OAEPParameterSpec(
                                    "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(keyId, oaep, recipient));
            var sealed = generator.generate(
                    new CMSProcessableByteArray(secret),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
            return Base64.getEncoder().encodeToString(sealed.getEncoded());
        } catch (CMSException | GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** The recipient is named by a hash of its public key, so no certificate is needed. */
    static byte[] keyIdOf(PublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

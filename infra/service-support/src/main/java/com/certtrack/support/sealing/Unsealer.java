package com.certtrack.support.sealing;

import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/** Opens what a {@link Sealer} sealed for this service's key pair. */
public final class Unsealer {

    private final PrivateKey privateKey;
    private final KeyTransRecipientId recipientId;

    public Unsealer(PrivateKey privateKey, java.security.PublicKey publicKey) {
        this.privateKey = privateKey;
        this.recipientId = new KeyTransRecipientId(Sealer.keyIdOf(publicKey));
    }

    /** @throws IllegalArgumentException when the input is not sealed for this key (never echoes the input) */
    public byte[] unseal(String sealed) {
        try {
            CMSEnvelopedData envelope = new CMSEnvelopedData(Base64.getDecoder().decode(sealed));
            RecipientInformation recipient = envelope.getRecipientInfos().get(recipientId);
            if (recipient == null) {
                throw new IllegalArgumentException("sealed for another key");
            }
            return recipient.getContent(new JceKeyTransEnvelopedRecipient(privateKey));
        } catch (CMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot unseal: " + e.getMessage());
        }
    }
}

package com.certtrack.eab.credentials;

import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
public class CredentialIntake {

    private final EventLedger ledger;
    private final SecretVault vault;

    public CredentialIntake(EventLedger ledger, SecretVault vault) {
        this.ledger = ledger;
        this.vault = vault;
    }

    /** Unseals the HMAC key in memory and stores it encrypted; once per event, once per line. */
    @Transactional
    public void accept(CaasProvisioned event) {
        if (event.lineId() == null
                || event.caReferenceHash() == null
                || event.eabKeyId() == null
                || event.sealedEabHmacKey() == null
                || event.revealableUntil() == null) {
            throw new PoisonEventException("CaasProvisioned " + event.eventId() + " lacks a required field");
        }
        if (!ledger.firstDelivery(event.eventId(), "eab-service.caas")
                || EabCredential.findById(event.lineId()) != null) {
            return;
        }
        String hmacKey;
        try {
            hmacKey = vault.unseal(event.sealedEabHmacKey());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("EAB key of line " + event.lineId() + " is not sealed for this service");
        }
        EabCredential credential = new EabCredential();
        credential.lineId = event.lineId();
        credential.orderNumber = event.orderNumber();
        credential.caReferenceHash = event.caReferenceHash();
        credential.eabKeyId = event.eabKeyId();
        credential.hmacKeyCiphertext = vault.encrypt(hmacKey, event.eabKeyId());
        credential.directoryUrl = event.acmeDirectoryUrl();
        credential.orderedAt = event.orderedAt();
        credential.revealableUntil = event.revealableUntil();
        credential.createdAt = Instant.now();
        credential.persist();
    }
}

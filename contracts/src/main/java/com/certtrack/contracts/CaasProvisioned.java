package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A CaaS subscription was provisioned at the CA. Its CA Reference is sealed for notification-service, the EAB
 * HMAC key for eab-service; both are CMS EnvelopedData in base64. The key id is not a secret.
 */
public record CaasProvisioned(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String caReferenceHash,
        String sealedCaReference,
        String eabKeyId,
        String sealedEabHmacKey,
        String acmeDirectoryUrl,
        Instant orderedAt,
        Instant revealableUntil)
        implements CertTrackEvent {

    public static final String TYPE = "CaasProvisioned";
    public static final int SCHEMA_VERSION = 1;

    public static CaasProvisioned of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String caReferenceHash,
            String sealedCaReference,
            String eabKeyId,
            String sealedEabHmacKey,
            String acmeDirectoryUrl,
            Instant orderedAt,
            Instant revealableUntil) {
        return new CaasProvisioned(
                eventId,
                TYPE,
                SCHEMA_VERSION,
                occurredAt,
                orderNumber,
                lineId,
                caReferenceHash,
                sealedCaReference,
                eabKeyId,
                sealedEabHmacKey,
                acmeDirectoryUrl,
                orderedAt,
                revealableUntil);
    }
}

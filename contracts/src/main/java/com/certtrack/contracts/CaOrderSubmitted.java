package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A certificate line was accepted by the CA. The CA Reference travels only sealed for notification-service
 * ({@code sealedCaReference}, CMS EnvelopedData, base64) and as a keyed hash for the tracking view.
 */
public record CaOrderSubmitted(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        Product product,
        String caOrderId,
        String caReferenceHash,
        String sealedCaReference,
        CaOrderStatus status,
        List<DomainValidation> domains)
        implements CertTrackEvent {

    public static final String TYPE = "CaOrderSubmitted";
    public static final int SCHEMA_VERSION = 1;

    public static CaOrderSubmitted of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            Product product,
            String caOrderId,
            String caReferenceHash,
            String sealedCaReference,
            CaOrderStatus status,
            List<DomainValidation> domains) {
        return new CaOrderSubmitted(
                eventId,
                TYPE,
                SCHEMA_VERSION,
                occurredAt,
                orderNumber,
                lineId,
                product,
                caOrderId,
                caReferenceHash,
                sealedCaReference,
                status,
                domains);
    }
}

package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/** The CA revoked one certificate of a line; published by ca-gateway on {@link Topics#CA_ORDERS}. */
public record CertificateRevoked(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String caReferenceHash,
        String serialNumber,
        RevocationReason reason,
        Instant revokedAt)
        implements CertTrackEvent {

    public static final String TYPE = "CertificateRevoked";
    public static final int SCHEMA_VERSION = 1;

    public static CertificateRevoked of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String caReferenceHash,
            String serialNumber,
            RevocationReason reason,
            Instant revokedAt) {
        return new CertificateRevoked(
                eventId,
                TYPE,
                SCHEMA_VERSION,
                occurredAt,
                orderNumber,
                lineId,
                caReferenceHash,
                serialNumber,
                reason,
                revokedAt);
    }
}

package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The holder of a line asked to revoke certificates of it, by serial number (hex, as in {@link IssuedCertificate}).
 * Revoking the line's current certificate ends the line ({@code REVOKED}); revoking superseded ones does not.
 * Published by tracking-service, carried out by ca-gateway, answered by {@link CertificateRevoked} per certificate.
 */
public record RevokeRequested(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        List<String> serialNumbers,
        RevocationReason reason)
        implements CertTrackEvent {

    public static final String TYPE = "RevokeRequested";
    public static final int SCHEMA_VERSION = 1;

    public static RevokeRequested of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            List<String> serialNumbers,
            RevocationReason reason) {
        return new RevokeRequested(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, serialNumbers, reason);
    }
}

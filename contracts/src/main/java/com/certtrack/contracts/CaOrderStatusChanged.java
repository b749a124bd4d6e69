package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The CA reported a change for a line: status, DCV state, the issued certificate, or a rejection reason. */
public record CaOrderStatusChanged(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String caOrderId,
        String caReferenceHash,
        CaOrderStatus status,
        CaOrderStatus previousStatus,
        List<DomainValidation> domains,
        IssuedCertificate certificate,
        String reason)
        implements CertTrackEvent {

    public static final String TYPE = "CaOrderStatusChanged";
    public static final int SCHEMA_VERSION = 1;

    public static CaOrderStatusChanged of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String caOrderId,
            String caReferenceHash,
            CaOrderStatus status,
            CaOrderStatus previousStatus,
            List<DomainValidation> domains,
            IssuedCertificate certificate,
            String reason) {
        return new CaOrderStatusChanged(
                eventId,
                TYPE,
                SCHEMA_VERSION,
                occurredAt,
                orderNumber,
                lineId,
                caOrderId,
                caReferenceHash,
                status,
                previousStatus,
                domains,
                certificate,
                reason);
    }
}

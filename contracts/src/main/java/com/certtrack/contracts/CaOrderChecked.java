package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * ca-gateway asked the CA about a line because someone is looking at it (a refresh), whether or not anything
 * changed: lets the tracking view say when the CA was last queried. Changes come as {@link CaOrderStatusChanged}.
 */
public record CaOrderChecked(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String caReferenceHash,
        CaOrderStatus status,
        Instant checkedAt)
        implements CertTrackEvent {

    public static final String TYPE = "CaOrderChecked";
    public static final int SCHEMA_VERSION = 1;

    public static CaOrderChecked of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String caReferenceHash,
            CaOrderStatus status,
            Instant checkedAt) {
        return new CaOrderChecked(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, caReferenceHash, status, checkedAt);
    }
}

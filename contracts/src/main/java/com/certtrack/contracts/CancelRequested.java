package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The holder of a line not yet issued asked to cancel it; published by tracking-service, carried out by ca-gateway
 * (the line becomes {@code CANCELLED}, or a {@link CaCommandRejected} says why not).
 */
public record CancelRequested(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String reason)
        implements CertTrackEvent {

    public static final String TYPE = "CancelRequested";
    public static final int SCHEMA_VERSION = 1;

    public static CancelRequested of(
            UUID eventId, Instant occurredAt, String orderNumber, String lineId, String reason) {
        return new CancelRequested(eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, reason);
    }
}

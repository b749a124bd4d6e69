package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/** A lookup of an unfinished line asks ca-gateway to poll the CA now; published by tracking-service. */
public record RefreshRequested(
        UUID eventId, String eventType, int schemaVersion, Instant occurredAt, String orderNumber, String lineId)
        implements CertTrackEvent {

    public static final String TYPE = "RefreshRequested";
    public static final int SCHEMA_VERSION = 1;

    public static RefreshRequested of(UUID eventId, Instant occurredAt, String orderNumber, String lineId) {
        return new RefreshRequested(eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId);
    }
}

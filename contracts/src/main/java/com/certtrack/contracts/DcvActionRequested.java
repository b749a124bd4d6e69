package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The holder of a line asked for a DCV action on one domain; published by tracking-service on
 * {@link Topics#TRACKING_COMMANDS}, carried out by ca-gateway. {@code dcvMethod} is set for {@code CHANGE_METHOD} only.
 */
public record DcvActionRequested(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String domain,
        DcvAction action,
        DcvMethod dcvMethod)
        implements CertTrackEvent {

    public static final String TYPE = "DcvActionRequested";
    public static final int SCHEMA_VERSION = 1;

    public static DcvActionRequested of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String domain,
            DcvAction action,
            DcvMethod dcvMethod) {
        return new DcvActionRequested(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, domain, action, dcvMethod);
    }
}

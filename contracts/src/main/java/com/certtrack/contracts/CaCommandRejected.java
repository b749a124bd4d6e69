package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * The CA refused a command for a line (cancel after issuance, a DCV change on a validated domain, ...);
 * published by ca-gateway on {@link Topics#CA_ORDERS} so the portal can say why. {@code commandType} is the
 * command's event type, {@code commandEventId} its event id.
 */
public record CaCommandRejected(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        UUID commandEventId,
        String commandType,
        String reason)
        implements CertTrackEvent {

    public static final String TYPE = "CaCommandRejected";
    public static final int SCHEMA_VERSION = 1;

    public static CaCommandRejected of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            UUID commandEventId,
            String commandType,
            String reason) {
        return new CaCommandRejected(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, commandEventId, commandType, reason);
    }
}

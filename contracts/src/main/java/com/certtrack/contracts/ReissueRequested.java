package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The holder of a line's CA Reference asked for a reissue with a new CSR; published by tracking-service. Version 2
 * dropped version 1's {@code caReferenceHash}, which no consumer read: a version-1 event still validates and parses
 * (consumers ignore the field).
 */
public record ReissueRequested(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String csrPem,
        List<String> domains)
        implements CertTrackEvent {

    public static final String TYPE = "ReissueRequested";
    public static final int SCHEMA_VERSION = 2;

    public static ReissueRequested of(
            UUID eventId, Instant occurredAt, String orderNumber, String lineId, String csrPem, List<String> domains) {
        return new ReissueRequested(eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, csrPem, domains);
    }
}

package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ca-gateway learned the CA's current intermediate certificates (PEM, issuing CA first) from the CA itself, at
 * start-up and after a change: lets tracking serve {@code /api/intermediates} before any certificate is issued.
 * A CA-wide event: it carries the pseudo order number {@link #KEY} so that it is keyed like every other event on
 * {@code ca-orders.v1} (one partition, in order, kept in a rebuild from offset 0).
 */
public record CaIntermediatesPublished(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String ca,
        List<String> intermediates)
        implements CertTrackEvent {

    public static final String TYPE = "CaIntermediatesPublished";
    public static final int SCHEMA_VERSION = 1;
    public static final String KEY = "CA";

    /** @param ca the CA adapter that answered, e.g. {@code stand-in} */
    public static CaIntermediatesPublished of(UUID eventId, Instant occurredAt, String ca, List<String> intermediates) {
        return new CaIntermediatesPublished(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, KEY, ca, List.copyOf(intermediates));
    }
}

package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone holding a CaaS line's CA Reference asked for its EAB credentials; published by eab-service on
 * {@link Topics#AUDIT} for the line's audit trail. {@code outcome}: {@code REVEALED} or {@code WINDOW_CLOSED}.
 * Never carries the credentials.
 */
public record CredentialRevealed(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String clientAddress,
        String outcome)
        implements CertTrackEvent {

    public static final String TYPE = "CredentialRevealed";
    public static final int SCHEMA_VERSION = 1;

    public static CredentialRevealed of(
            UUID eventId, Instant occurredAt, String orderNumber, String lineId, String clientAddress, String outcome) {
        return new CredentialRevealed(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, clientAddress, outcome);
    }
}

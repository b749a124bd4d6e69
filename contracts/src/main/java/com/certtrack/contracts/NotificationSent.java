package com.certtrack.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * An e-mail was handed to the SMTP server; published by notification-service for operators. Carries no secret:
 * never the CA Reference, only which template went to which recipient because of which event.
 */
public record NotificationSent(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        String template,
        String recipient,
        UUID causationEventId,
        String messageId)
        implements CertTrackEvent {

    public static final String TYPE = "NotificationSent";
    public static final int SCHEMA_VERSION = 1;

    public static NotificationSent of(
            UUID eventId,
            Instant occurredAt,
            String orderNumber,
            String lineId,
            String template,
            String recipient,
            UUID causationEventId,
            String messageId) {
        return new NotificationSent(
                eventId,
                TYPE,
                SCHEMA_VERSION,
                occurredAt,
                orderNumber,
                lineId,
                template,
                recipient,
                causationEventId,
                messageId);
    }
}

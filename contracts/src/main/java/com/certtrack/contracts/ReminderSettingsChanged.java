package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The holder of a line chose when expiry reminders go out: days before the certificate's expiry (positive) or after
 * it (negative); empty turns reminders off. Published by tracking-service, applied by notification-service.
 */
public record ReminderSettingsChanged(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        String lineId,
        List<Integer> reminderDays)
        implements CertTrackEvent {

    public static final String TYPE = "ReminderSettingsChanged";
    public static final int SCHEMA_VERSION = 1;

    /** 90, 60, 30, 7 and 3 days before expiry and 7 days after. */
    public static final List<Integer> DEFAULT_DAYS = List.of(90, 60, 30, 7, 3, -7);

    public static ReminderSettingsChanged of(
            UUID eventId, Instant occurredAt, String orderNumber, String lineId, List<Integer> reminderDays) {
        return new ReminderSettingsChanged(
                eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, lineId, reminderDays);
    }
}

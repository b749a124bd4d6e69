package com.certtrack.tracking.view;

import java.time.Instant;
import java.util.UUID;

/**
 * The CA answered a command of a line: done, or refused with a reason. Fired inside the projection's transaction,
 * so what observes it (the audit trail) commits with the view; {@code eventId} is the answering event's, which
 * makes a redelivery or a rebuild tell it again harmlessly.
 */
public record CommandAnswered(
        UUID eventId, Instant at, String lineId, String orderNumber, String action, boolean done, String detail) {}

package com.certtrack.tracking.view;

import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.ReminderSettingsChanged;
import java.time.Instant;
import java.util.List;

/**
 * The projector's decisions on one line, free of the database: each fact is taken from the newest event that
 * carries it, so events applied twice or in any order (a rebuild reads the topics side by side) give the same row.
 */
final class LineUpdates {

    private LineUpdates() {}

    /** Whether an event may set the CA's status, domains and certificate: not older than what set them last. */
    static boolean newerStatus(TrackedLine line, Instant occurredAt) {
        return line.statusAt == null || !occurredAt.isBefore(line.statusAt);
    }

    static void queried(TrackedLine line, Instant at) {
        if (at != null && (line.caLastQueriedAt == null || at.isAfter(line.caLastQueriedAt))) {
            line.caLastQueriedAt = at;
        }
    }

    static void index(TrackedLine line, String caReferenceHash) {
        if (caReferenceHash != null && !caReferenceHash.isBlank()) {
            line.caReferenceHash = caReferenceHash;
        }
    }

    /**
     * A reissue names the certificate's domains; the awaited CSR of a line ordered without one names none (the
     * order keeps its own). Told apart by the event alone: in a rebuild the certificate may not be projected yet.
     */
    static void reissueRequested(TrackedLine line, ReissueRequested event) {
        if (event.domains() == null) {
            line.csrSubmittedAt = latest(line.csrSubmittedAt, event.occurredAt());
        } else {
            line.reissueRequestedAt = latest(line.reissueRequestedAt, event.occurredAt());
        }
    }

    static void reminderSettings(TrackedLine line, ReminderSettingsChanged event) {
        if (line.reminderDaysAt == null || !event.occurredAt().isBefore(line.reminderDaysAt)) {
            line.reminderDays = ReminderDays.format(event.reminderDays() == null ? List.of() : event.reminderDays());
            line.reminderDaysAt = event.occurredAt();
        }
    }

    private static Instant latest(Instant known, Instant reported) {
        return known == null || reported.isAfter(known) ? reported : known;
    }
}

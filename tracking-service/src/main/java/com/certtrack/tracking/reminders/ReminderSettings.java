package com.certtrack.tracking.reminders;

import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.tracking.actions.AuditActions;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewProjector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * When expiry reminders go out for a line: days before expiry (positive), on the day (0) or after it (negative),
 * within a year either way; an empty list turns them off. Kept in the view (projected from
 * {@code ReminderSettingsChanged}, so a rebuild keeps them) and sent to notification-service by the same event.
 */
@ApplicationScoped
public class ReminderSettings {

    static final int MAX_DAYS = 365;
    static final int MAX_REMINDERS = 12;

    private final Outbox outbox;
    private final ViewProjector projector;
    private final AuditTrail audit;

    public ReminderSettings(Outbox outbox, ViewProjector projector, AuditTrail audit) {
        this.outbox = outbox;
        this.projector = projector;
        this.audit = audit;
    }

    public List<Integer> of(TrackedLine line) {
        return ReminderDays.parse(line.reminderDays);
    }

    /** @return the days as stored: distinct, largest first */
    @Transactional
    public List<Integer> change(TrackedLine line, List<Integer> requested) {
        List<Integer> days = validate(requested);
        ReminderSettingsChanged changed =
                ReminderSettingsChanged.of(UUID.randomUUID(), Instant.now(), line.orderNumber, line.lineId, days);
        outbox.append(Topics.TRACKING_COMMANDS, changed);
        projector.apply(changed);
        audit.record(
                line.lineId,
                line.orderNumber,
                AuditActions.REMINDERS_CHANGED,
                AuditTrail.ACCEPTED,
                days.isEmpty() ? "reminders off" : "reminder days: " + ReminderDays.format(days));
        return days;
    }

    static List<Integer> validate(List<Integer> requested) {
        if (requested == null) {
            throw ProblemException.invalid(
                    "reminderDays",
                    "is required: days before expiry (positive) or after it"
                            + " (negative); an empty list turns reminders off");
        }
        if (requested.size() > MAX_REMINDERS) {
            throw ProblemException.invalid("reminderDays", "may hold at most " + MAX_REMINDERS + " reminders");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            Integer day = requested.get(i);
            String field = "reminderDays[" + i + "]";
            if (day == null) {
                errors.add(new Problem.FieldError(field, "must be a whole number of days"));
            } else if (day < -MAX_DAYS || day > MAX_DAYS) {
                errors.add(new Problem.FieldError(field, "must be between -" + MAX_DAYS + " and " + MAX_DAYS));
            } else {
                Integer first = seen.putIfAbsent(day, i);
                if (first != null) {
                    errors.add(new Problem.FieldError(field, "repeats reminderDays[" + first + "]"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(
                    errors.size() == 1 ? "1 value is invalid." : errors.size() + " values are invalid.", errors));
        }
        return requested.stream().sorted(Comparator.reverseOrder()).toList();
    }
}

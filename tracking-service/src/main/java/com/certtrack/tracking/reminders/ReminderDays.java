package com.certtrack.tracking.reminders;

import com.certtrack.contracts.ReminderSettingsChanged;
import java.util.Arrays;
import java.util.List;

/** Reminder days as the view keeps them: null = the default, "" = off, else comma-separated, largest first. */
public final class ReminderDays {

    private ReminderDays() {}

    public static String format(List<Integer> days) {
        return days.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
    }

    public static List<Integer> parse(String stored) {
        if (stored == null) {
            return ReminderSettingsChanged.DEFAULT_DAYS;
        }
        if (stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }
}

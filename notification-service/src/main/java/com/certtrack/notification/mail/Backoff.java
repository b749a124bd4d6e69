package com.certtrack.notification.mail;

import java.time.Duration;

/** Exponential backoff between SMTP attempts: initial, doubled per failure, capped. */
public record Backoff(Duration initial, Duration max) {

    /** @param failures failed attempts so far, at least 1 */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}

package com.certtrack.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * notification-service settings; each key can also be set as an environment variable
 * (CERTTRACK_NOTIFICATION_PORTAL_URL, CERTTRACK_NOTIFICATION_DELIVERY_MAX_ATTEMPTS, ...). The keys it uses
 * ({@code certtrack.keys.notification-private-key}, {@code -public-key}, {@code link-signing}) have no default.
 */
@ConfigMapping(prefix = "certtrack.notification")
public interface NotificationConfig {

    /** Base URL of the tracking portal; links in e-mails are {@code <portal-url>/track?t=<token>}. */
    @WithDefault("http://localhost:8080")
    String portalUrl();

    /** Sender of every e-mail. */
    @WithDefault("CertTrack <no-reply@certtrack.example>")
    String from();

    /** Domain part of the deterministic Message-IDs ({@code <job-id@domain>}). */
    @WithDefault("notification.certtrack.example")
    String messageIdDomain();

    /** How long a link in an e-mail shows the line's status (at most 72 h: a forwarded e-mail soon stops working). */
    @WithDefault("72h")
    Duration linkValidity();

    /**
     * Shifts this service's clock (reminder schedule, due checks, mail timestamps) by this much; 0 in production.
     * Tests set it to move time, e.g. to 31 days before a certificate's expiry.
     */
    @WithDefault("0s")
    Duration clockOffset();

    /**
     * How long the first e-mail about revoked superseded certificates waits for the other revocations of the same
     * request, so that one request gets one e-mail.
     */
    @WithDefault("5s")
    Duration revocationGrouping();

    Delivery delivery();

    Reminders reminders();

    CsrReminder csrReminder();

    /** The e-mail to a line ordered without a CSR that has not sent one since. */
    interface CsrReminder {

        /** How long after the order it goes out. */
        @WithDefault("24h")
        Duration after();

        /** How often lines whose delay is over are looked for (the job's schedule). */
        @WithDefault("1m")
        Duration interval();
    }

    interface Reminders {

        /** How often due reminders are looked for (the scheduler's finest step is 1 s). */
        @WithDefault("1m")
        Duration interval();

        /** Lines claimed per round. */
        @WithDefault("100")
        int batchSize();
    }

    interface Delivery {

        /** Jobs claimed per round; they are sent concurrently over the mailer's connection pool. */
        @WithDefault("50")
        int batchSize();

        /** Tries before a job is given up: marked DEAD and reported on its topic's .dlq twin. */
        @WithDefault("10")
        int maxAttempts();

        /** Wait after the first failure; doubled after each further failure up to max-backoff. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /**
         * How long one SMTP exchange may take before the attempt counts as failed and is retried (the same
         * Message-ID is used again, so a late success of the stuck attempt shows as a duplicate that clients fold).
         */
        @WithDefault("30s")
        Duration sendTimeout();

        /** A claimed job not reported back within this time (sender crashed) is claimed again. */
        @WithDefault("2m")
        Duration lease();

        /** How often parked events are re-checked against the order projection (the commit hook acts at once). */
        @WithDefault("10s")
        Duration parkedRetryInterval();
    }
}

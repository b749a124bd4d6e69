package com.certtrack.tracking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The service's one configuration mapping: {@code certtrack.tracking.*}; the keys are read where they are used. */
@ConfigMapping(prefix = "certtrack.tracking")
public interface TrackingConfig {

    /** Lifetime of the access token a lookup hands out (downloads, reissue, live updates). */
    @WithDefault("15m")
    Duration accessTokenLifetime();

    /** At most one refresh command per line in this interval, however often it is looked up. */
    @WithDefault("5s")
    Duration refreshInterval();

    LookupLimit lookupLimit();

    /** The CA's root certificate (PEM), appended to /api/intermediates when set. */
    Optional<String> rootCertificate();

    /** Empty the view and rebuild it from offset 0 of every source topic when the service starts. */
    @WithDefault("false")
    boolean rebuildOnStart();

    /** Comment lines on idle live-update streams, so proxies keep them open. */
    @WithDefault("20s")
    Duration liveKeepAlive();

    /** Webhooks of API customers ({@code certtrack.tracking.webhooks.*}). */
    WebhookConfig webhooks();

    /** The customer-run diagnoses ({@code certtrack.tracking.checks.*}). */
    ChecksConfig checks();

    /** Every outbound connection, checks and webhook delivery ({@code certtrack.tracking.outbound.*}). */
    OutboundConfig outbound();

    interface LookupLimit {
        /** Failed lookups (unknown or malformed references) one client address may make per period... */
        @WithDefault("10")
        int failures();

        /** ...refilled evenly over this period. */
        @WithDefault("10m")
        Duration period();
    }
}

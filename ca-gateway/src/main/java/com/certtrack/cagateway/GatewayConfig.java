package com.certtrack.cagateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "certtrack.ca-gateway")
public interface GatewayConfig {

    /** Which CA adapter fulfils orders. Known: {@code stand-in}. */
    @WithDefault("stand-in")
    String adapter();

    /**
     * How long a claimed line is withheld from other workers while its CA call runs: longer than the CA client's
     * connect and read timeouts. A worker that dies mid-call gives the line back when this runs out.
     */
    @WithDefault("60s")
    Duration claimLease();

    Submission submission();

    Polling polling();

    StandIn standIn();

    Intermediates intermediates();

    /** Validity requested for new certificates (CA/Browser Forum maximum since March 2026: 200 days). */
    @WithDefault("200")
    int validityDays();

    interface Intermediates {
        /** How often the CA is asked for its intermediate certificates again once it has answered. */
        @WithDefault("6h")
        Duration refresh();

        /** How often it is asked while it has not answered (the job's schedule). */
        @WithDefault("10s")
        Duration retry();
    }

    interface StandIn {
        /** The reseller's API key at the stand-in CA (header X-Api-Key). */
        String apiKey();
    }

    interface Submission {
        /** Lines submitted at once by one instance (CA calls in flight). */
        @WithDefault("8")
        int concurrency();

        /** First retry delay after a failed CA call; doubles up to max-backoff. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    interface Polling {
        /** Lines polled at once by one instance (CA calls in flight). */
        @WithDefault("8")
        int concurrency();

        /** Poll interval right after submission, a change or a refresh request. */
        @WithDefault("2s")
        Duration fastInterval();

        /** The interval grows by this factor after each poll that saw no change... */
        @WithDefault("2.0")
        double growth();

        /** ...up to this. */
        @WithDefault("10m")
        Duration maxInterval();

        /** Random spread added to each interval (fraction), so replicas and orders do not poll in lockstep. */
        @WithDefault("0.2")
        double jitter();
    }
}

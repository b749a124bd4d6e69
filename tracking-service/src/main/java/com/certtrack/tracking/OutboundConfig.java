package com.certtrack.tracking;

import io.smallrye.config.WithDefault;

/**
 * {@code certtrack.tracking.outbound.*}: the one switch of every outbound connection (checks and webhook delivery).
 * The older {@code CERTTRACK_TRACKING_CHECKS_ALLOW_PRIVATE_ADDRESSES} and
 * {@code CERTTRACK_TRACKING_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES} still set it (application.properties).
 */
public interface OutboundConfig {

    /** Connect to loopback, private, link-local and other non-public addresses: tests and development only. */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}

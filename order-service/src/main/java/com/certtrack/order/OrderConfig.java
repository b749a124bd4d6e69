package com.certtrack.order;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** order-service settings; each key can also be set as an environment variable (CERTTRACK_ORDER_MAX_SANS, ...). */
@ConfigMapping(prefix = "certtrack.order")
public interface OrderConfig {

    /** Most domains (subjectAltNames) on one multi-domain certificate line. */
    @WithDefault("100")
    int maxSans();

    /** Most product lines in one order. */
    @WithDefault("20")
    int maxLines();

    /** CaaS subscription terms on sale, in months. */
    @WithDefault("12,24,36")
    List<Integer> caasTerms();

    /** How long an Idempotency-Key is remembered; a replay after that places a new order. */
    @WithDefault("24h")
    Duration idempotencyRetention();
}

package com.certtrack.eab;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "certtrack.eab")
public interface EabConfig {

    /** Failed reveal attempts a client may make per window before 429. */
    @WithDefault("10")
    int failureBudget();

    @WithDefault("10m")
    Duration failureWindow();

    /** How often expired secrets are purged. */
    @WithDefault("1m")
    Duration purgeEvery();
}

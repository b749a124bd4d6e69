package com.certtrack.cagateway.line;

import com.certtrack.cagateway.GatewayConfig;
import java.time.Duration;

/** How long to wait before asking the CA again after failures: doubling from the initial backoff, capped. */
public final class RetryDelay {

    private RetryDelay() {
    }

    public static Duration after(GatewayConfig.Submission config, int failures) {
        long millis = config.initialBackoff().toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }
}

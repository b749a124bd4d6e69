package com.certtrack.notification.clock;

import com.certtrack.notification.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The one clock of this service: UTC, shifted by {@code certtrack.notification.clock-offset} (0 in production). */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    Clock clock(NotificationConfig config) {
        if (config.clockOffset().isZero()) {
            return Clock.systemUTC();
        }
        LOG.warnf("the clock is shifted by %s (certtrack.notification.clock-offset)", config.clockOffset());
        return Clock.offset(Clock.systemUTC(), config.clockOffset());
    }
}

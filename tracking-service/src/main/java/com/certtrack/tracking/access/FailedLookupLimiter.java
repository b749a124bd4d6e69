package com.certtrack.tracking.access;

import com.certtrack.support.ratelimit.FailureLimiter;
import com.certtrack.tracking.TrackingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The budget of failed lookups per client address ({@code certtrack.tracking.lookup-limit.*}), so CA References
 * cannot be enumerated: a client that has spent it gets 429 with Retry-After for every lookup, right or wrong,
 * until it refills. Per instance: N replicas allow N budgets.
 */
@ApplicationScoped
public class FailedLookupLimiter {

    private final FailureLimiter limiter;

    public FailedLookupLimiter(TrackingConfig config) {
        this.limiter = new FailureLimiter(
                config.lookupLimit().failures(), config.lookupLimit().period());
    }

    /**
     * Takes one lookup from the client's budget before the reference is checked; a lookup that finds its line
     * gives it back ({@link FailureLimiter.Attempt#succeeded}).
     *
     * @throws com.certtrack.support.ratelimit.TooManyAttemptsException when the budget is spent
     */
    public FailureLimiter.Attempt begin(String client) {
        return limiter.begin(client);
    }
}

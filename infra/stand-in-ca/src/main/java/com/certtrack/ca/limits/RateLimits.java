package com.certtrack.ca.limits;

import com.certtrack.ca.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The CA's rate limits, in the style of Let's Encrypt's: new ACME accounts per client address, new orders per ACME
 * account, failed validations per account and host name, and operator calls per client address. Each is
 * {@code certtrack.ca.limits.<name>.capacity} requests refilled over {@code .period}.
 */
@ApplicationScoped
public class RateLimits {

    private final TokenBuckets newAccounts;
    private final TokenBuckets newOrders;
    private final TokenBuckets failedValidations;
    private final TokenBuckets operatorCalls;

    public RateLimits(CaConfig config) {
        CaConfig.Limits limits = config.limits();
        this.newAccounts = new TokenBuckets(limits.newAccountsPerIp(), limits.maxKeys());
        this.newOrders = new TokenBuckets(limits.newOrdersPerAccount(), limits.maxKeys());
        this.failedValidations = new TokenBuckets(limits.failedValidationsPerAccountHost(), limits.maxKeys());
        this.operatorCalls = new TokenBuckets(limits.operatorCallsPerIp(), limits.maxKeys());
    }

    public TokenBuckets newAccounts() {
        return newAccounts;
    }

    public TokenBuckets newOrders() {
        return newOrders;
    }

    public TokenBuckets failedValidations() {
        return failedValidations;
    }

    public TokenBuckets operatorCalls() {
        return operatorCalls;
    }

    /** "10 per 3h": the limit as the refusal names it. */
    public static String describe(TokenBuckets limit) {
        return limit.capacity() + " per "
                + limit.period().toString().substring(2).toLowerCase();
    }
}

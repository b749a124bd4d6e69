package com.certtrack.ca.operator;

import com.certtrack.ca.limits.ClientAddress;
import com.certtrack.ca.limits.RateLimitedException;
import com.certtrack.ca.limits.RateLimits;
import com.certtrack.ca.limits.TokenBuckets;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits calls to the operator endpoints per client address, before the operator key is checked, so the key cannot
 * be guessed at line speed and a stolen one cannot flood decisions.
 */
public class OperatorCallLimit {

    static final String PREFIX = "/api/v1/operator/";

    private final TokenBuckets calls;

    public OperatorCallLimit(RateLimits limits) {
        this.calls = limits.operatorCalls();
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext context, HttpServerRequest request) {
        if (!context.getUriInfo().getPath().startsWith(PREFIX)) {
            return null;
        }
        long wait = calls.take(ClientAddress.of(request));
        if (wait == 0) {
            return null;
        }
        return new RateLimitedException(
                        "Too many operator calls from your address (limit " + RateLimits.describe(calls)
                                + "). Retry after " + wait + " seconds.",
                        wait)
                .response();
    }
}

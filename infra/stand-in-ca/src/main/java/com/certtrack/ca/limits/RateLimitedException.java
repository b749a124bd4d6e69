package com.certtrack.ca.limits;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/** 429 RFC 9457 problem with Retry-After (seconds), for the order API and the operator endpoints. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(Problem.of(429, "rate-limited", "Too many requests", detail));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response response() {
        return Response.fromResponse(super.response())
                .header("Retry-After", retryAfterSeconds)
                .build();
    }
}

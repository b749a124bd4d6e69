package com.certtrack.support.ratelimit;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/** 429 problem with a Retry-After header. */
public class TooManyAttemptsException extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super(Problem.of(
                429,
                "too-many-attempts",
                "Too many attempts",
                "Too many unsuccessful attempts from your address. Please wait " + retryAfterSeconds
                        + " seconds, then check the CA Reference in your shipment e-mail and try again."));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Response response() {
        return Response.fromResponse(super.response())
                .header("Retry-After", retryAfterSeconds)
                .build();
    }
}

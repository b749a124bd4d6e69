package com.certtrack.tracking.access;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/** 401 problem with the WWW-Authenticate challenge of a bearer-token API. */
public class Unauthorized extends ProblemException {

    public Unauthorized(String detail) {
        super(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }

    @Override
    public Response response() {
        return Response.fromResponse(super.response())
                .header("WWW-Authenticate", "Bearer realm=\"certtrack-tracking\"")
                .build();
    }
}

package com.certtrack.tracking.checks;

import com.certtrack.checks.AddressRefused;
import com.certtrack.checks.InvalidInput;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The checks module's refusals as this service answers bad input: 400 problem JSON. */
public class ChecksProblemMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return ProblemException.invalid(e.field(), e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response addressRefused(AddressRefused e) {
        return Problem.of(400, "address-refused", "Address refused", e.getMessage())
                .toResponse();
    }
}

package com.certtrack.ca;

import com.certtrack.support.problem.ProblemMappers;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus REST has a built-in mapper for Jackson's MismatchedInputException (an unknown enum value, a string
 * where a list belongs) that answers plain JSON and wins over the JsonProcessingException mapper of
 * service-support; this one answers with the same problem document instead.
 */
public class JsonInputProblems {

    private final ProblemMappers mappers = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return mappers.malformedJson(e);
    }
}

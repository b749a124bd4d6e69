package com.certtrack.order.http;

import com.certtrack.support.problem.ProblemMappers;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus REST ships its own mapper for {@link MismatchedInputException} (a value of the wrong type, e.g.
 * {@code "term": "twelve"}), more specific than the shared JsonProcessingException mapper, and it answers plain JSON.
 * This one wins over the built-in one and answers the shared problem document instead.
 */
public class JsonInputProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return problems.malformedJson(e);
    }
}

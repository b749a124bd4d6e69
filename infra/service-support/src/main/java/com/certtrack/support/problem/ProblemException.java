package com.certtrack.support.problem;

import java.util.List;

/** Thrown by a resource or service to answer with a problem document instead of a result. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(message, List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public Problem problem() {
        return problem;
    }

    /** The HTTP answer; subclasses add headers such as Retry-After. */
    public jakarta.ws.rs.core.Response response() {
        return problem.toResponse();
    }
}

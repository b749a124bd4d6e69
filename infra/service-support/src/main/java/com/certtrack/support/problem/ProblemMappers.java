package com.certtrack.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves a service as RFC 9457 problem JSON; bad input is a 4xx, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.response();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        JsonMappingException mapping = e instanceof JsonMappingException m ? m : null;
        String where = mapping == null ? "" : path(mapping);
        String detail = e.getLocation() == null
                ? "The body is not valid JSON."
                : "The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" + (where.isEmpty() ? "." : " at '" + where + "'.");
        List<Problem.FieldError> errors =
                where.isEmpty() ? List.of() : List.of(new Problem.FieldError(where, FieldTypes.expected(mapping)));
        return new Problem("https://certtrack.example/problems/malformed-json", "Malformed JSON", 400, detail, errors)
                .toResponse();
    }

    /**
     * A value of the wrong type (e.g. {@code "term": "twelve"}): Quarkus REST has a more specific built-in mapper
     * for this one that answers plain JSON; this one wins and answers the same problem document as above.
     */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return Problem.invalid(errors.size() + " field(s) are invalid.", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("request failed", e);
        }
        String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return Problem.of(status.getStatusCode(), slug, status.getReasonPhrase(), e.getMessage())
                .toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error", e);
        return Problem.of(500, "internal", "Internal error", "The request could not be completed; it was logged.")
                .toResponse();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** "place.request.lines[0].domains" → "lines[0].domains": the field as the client named it. */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }
}

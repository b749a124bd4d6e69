package com.certtrack.ca.acme;

import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 8555 §6.7 error: a problem document whose type is {@code urn:ietf:params:acme:error:<name>}. Thrown anywhere
 * below the ACME resource; the shared problem mapper calls {@link #response()}.
 */
public class AcmeProblem extends ProblemException {

    public static final String TYPE_PREFIX = "urn:ietf:params:acme:error:";

    /** The body; {@code algorithms} lists the accepted ones on badSignatureAlgorithm (RFC 8555 §6.2). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Document(String type, String detail, int status, List<String> algorithms) {}

    private final transient Document document;
    private final transient String location;
    private final long retryAfterSeconds;

    public AcmeProblem(int status, String name, String detail) {
        this(new Document(TYPE_PREFIX + name, detail, status, List.of()), null, 0);
    }

    private AcmeProblem(Document document, String location, long retryAfterSeconds) {
        super(new Problem(document.type(), document.type(), document.status(), document.detail(), List.of()));
        this.document = document;
        this.location = location;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AcmeProblem malformed(String detail) {
        return new AcmeProblem(400, "malformed", detail);
    }

    public static AcmeProblem unauthorized(String detail) {
        return new AcmeProblem(403, "unauthorized", detail);
    }

    public static AcmeProblem badSignatureAlgorithm(String detail, List<String> algorithms) {
        return new AcmeProblem(
                new Document(TYPE_PREFIX + "badSignatureAlgorithm", detail, 400, List.copyOf(algorithms)), null, 0);
    }

    /** 409 with the Location of the account that already holds the key (RFC 8555 §7.3.5). */
    public static AcmeProblem keyInUse(String accountUrl) {
        return new AcmeProblem(
                new Document(
                        TYPE_PREFIX + "malformed", "This key is already the key of another account.", 409, List.of()),
                accountUrl,
                0);
    }

    /** 429 rateLimited with Retry-After (RFC 8555 §6.6). */
    public static AcmeProblem rateLimited(String detail, long retryAfterSeconds) {
        return new AcmeProblem(
                new Document(TYPE_PREFIX + "rateLimited", detail, 429, List.of()), null, retryAfterSeconds);
    }

    public String type() {
        return document.type();
    }

    @Override
    public Response response() {
        Response.ResponseBuilder builder =
                Response.status(document.status()).type(Problem.MEDIA_TYPE).entity(document);
        if (location != null) {
            builder.header("Location", location);
        }
        if (retryAfterSeconds > 0) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }
}

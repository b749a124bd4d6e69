package com.certtrack.tracking.reissue;

import com.certtrack.tracking.access.LineAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/tracking/csr")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CsrResource {

    public record CsrRequest(String csr) {}

    private final LineAccess access;
    private final CsrSubmission submissions;

    public CsrResource(LineAccess access, CsrSubmission submissions) {
        this.access = access;
        this.submissions = submissions;
    }

    @POST
    @Operation(
            summary = "Send the CSR of a line ordered without one (Authorization: Bearer <access token>); 202 when "
                    + "accepted, issued as soon as the domains are validated")
    public Response submit(CsrRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        return Response.accepted(submissions.submit(line, request == null ? null : request.csr()))
                .build();
    }
}

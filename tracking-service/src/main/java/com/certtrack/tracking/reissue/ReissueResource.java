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

@Path("/api/tracking/reissue")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReissueResource {

    public record ReissueRequest(String csr) {}

    private final LineAccess access;
    private final ReissueService reissues;

    public ReissueResource(LineAccess access, ReissueService reissues) {
        this.access = access;
        this.reissues = reissues;
    }

    @POST
    @Operation(
            summary =
                    "Reissue the certificate with a new CSR (Authorization: Bearer <access token>); 202 when accepted")
    public Response reissue(ReissueRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        var accepted = reissues.reissue(line, request == null ? null : request.csr());
        return Response.accepted(accepted).build();
    }
}

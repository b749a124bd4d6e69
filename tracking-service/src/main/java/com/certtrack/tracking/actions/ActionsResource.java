package com.certtrack.tracking.actions;

import com.certtrack.tracking.access.LineAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Requests on the line the access token opens ({@code Authorization: Bearer <token>}); each answers 202 once the
 * command is on its way to the CA. The lookup shows it as {@code pendingAction} until the CA answers, then the new
 * state, or {@code lastRejection} with the CA's reason.
 */
@Path("/api/tracking")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

    public record DcvRequest(String domain, String action, String dcvMethod) {}

    public record CancelRequest(String reason) {}

    public record RevokeRequest(String reason, List<String> serialNumbers) {}

    public record RevokeSupersededRequest(String reason) {}

    private final LineAccess access;
    private final LineActions actions;

    public ActionsResource(LineAccess access, LineActions actions) {
        this.access = access;
        this.actions = actions;
    }

    @POST
    @Path("/dcv")
    @Operation(summary = "DCV help: CHANGE_METHOD (with dcvMethod), RECHECK or RESEND_APPROVAL for one pending domain")
    public Response dcv(DcvRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        DcvRequest body = request == null ? new DcvRequest(null, null, null) : request;
        return Response.accepted(actions.dcv(line, body.domain(), body.action(), body.dcvMethod()))
                .build();
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "Cancel a line that is not issued yet")
    public Response cancel(CancelRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        return Response.accepted(actions.cancel(line, request == null ? null : request.reason()))
                .build();
    }

    @POST
    @Path("/revoke")
    @Operation(summary = "Revoke certificates of the line by serial number (default: the current one), with a reason")
    public Response revoke(RevokeRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        RevokeRequest body = request == null ? new RevokeRequest(null, null) : request;
        return Response.accepted(actions.revoke(line, body.reason(), body.serialNumbers()))
                .build();
    }

    @POST
    @Path("/revoke-superseded")
    @Operation(summary = "Revoke every earlier certificate of the line that is not revoked yet (reason SUPERSEDED)")
    public Response revokeSuperseded(
            RevokeSupersededRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        return Response.accepted(actions.revokeSuperseded(line, request == null ? null : request.reason()))
                .build();
    }
}

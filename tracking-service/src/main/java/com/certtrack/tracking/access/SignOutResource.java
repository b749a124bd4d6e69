package com.certtrack.tracking.access;

import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** "Sign out everywhere": every token of the line stops working, this request's included; 204. */
@Path("/api/tracking/sign-out")
public class SignOutResource {

    private final LineAccess access;
    private final TokenCutoffs cutoffs;
    private final AuditTrail audit;

    public SignOutResource(LineAccess access, TokenCutoffs cutoffs, AuditTrail audit) {
        this.access = access;
        this.cutoffs = cutoffs;
        this.audit = audit;
    }

    @POST
    @Transactional
    @Operation(
            summary = "Withdraw every access token and e-mail link of the line (Authorization: Bearer <access token>)")
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        // A millisecond ahead: the token of this very request is withdrawn too, even if issued this millisecond.
        cutoffs.withdrawAll(line.lineId, Instant.now().plusMillis(1));
        audit.record(line.lineId, line.orderNumber, "SIGN_OUT", AuditTrail.DONE, "every token of the line withdrawn");
        return Response.noContent().build();
    }
}

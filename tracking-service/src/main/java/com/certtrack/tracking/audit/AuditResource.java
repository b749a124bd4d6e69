package com.certtrack.tracking.audit;

import com.certtrack.tracking.access.LineAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail of the line the access token opens. */
@Path("/api/tracking/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** The newest entries a page shows; older ones stay in the table. */
    static final int LIMIT = 500;

    public record AuditAnswer(List<AuditTrail.Entry> entries) {}

    private final LineAccess access;
    private final AuditTrail trail;

    public AuditResource(LineAccess access, AuditTrail trail) {
        this.access = access;
        this.trail = trail;
    }

    @GET
    @Operation(summary = "Who did what to this line, from where, and how it ended; newest first")
    public AuditAnswer entries(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new AuditAnswer(trail.of(access.fromAuthorization(authorization).lineId, LIMIT));
    }
}

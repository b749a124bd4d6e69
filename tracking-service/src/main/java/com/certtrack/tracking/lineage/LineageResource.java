package com.certtrack.tracking.lineage;

import com.certtrack.tracking.access.LineAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/tracking/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {

    private final LineAccess access;
    private final Lineage lineage;

    public LineageResource(LineAccess access, Lineage lineage) {
        this.access = access;
        this.lineage = lineage;
    }

    @GET
    @Operation(summary = "Every certificate this line had (newest first) with its state, and its renewals")
    public Lineage.LineLineage lineage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return lineage.of(access.fromAuthorization(authorization));
    }
}

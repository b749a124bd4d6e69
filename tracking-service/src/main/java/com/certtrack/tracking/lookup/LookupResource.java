package com.certtrack.tracking.lookup;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The portal's entry: a CA Reference (legacy name Supplier Order Number) in the body, never in a URL. The client
 * address for the failed-lookup budget is the peer's, or X-Forwarded-For when the peer is a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}).
 */
@Path("/api/tracking")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LookupResource {

    public record LookupRequest(String caReference, String supplierOrderNumber) {}

    public record LinkRequest(String token) {}

    private final LookupService lookups;

    public LookupResource(LookupService lookups) {
        this.lookups = lookups;
    }

    @POST
    @Path("/lookup")
    @Operation(summary = "Status, domains, dates and an access token for the line of a CA Reference")
    public TrackingStatus lookup(LookupRequest request, @Context HttpServerRequest http) {
        LookupRequest body = request == null ? new LookupRequest(null, null) : request;
        boolean legacy =
                (body.caReference() == null || body.caReference().isBlank()) && body.supplierOrderNumber() != null;
        return legacy
                ? lookups.byReference("supplierOrderNumber", body.supplierOrderNumber(), client(http))
                : lookups.byReference("caReference", body.caReference(), client(http));
    }

    @POST
    @Path("/link")
    @Operation(summary = "The same answer as a lookup, for the signed link of an e-mail")
    public TrackingStatus link(LinkRequest request) {
        return lookups.byLink(request == null ? null : request.token());
    }

    private static String client(HttpServerRequest http) {
        var address = http.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}

package com.certtrack.tracking.webhook;

import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Webhooks of API customers (Authorization: Bearer <access token> on every call). */
@Path("/api/tracking/webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public record RegisterRequest(String url, String scope) {}

    public record Created(String id, String url, String scope, String secret, Instant createdAt) {}

    public record Webhook(
            String id,
            String url,
            String scope,
            Instant createdAt,
            Instant disabledAt,
            String disabledReason,
            Delivery lastDelivery) {}

    public record Delivery(
            String id,
            String eventType,
            String lineId,
            String status,
            int attempts,
            Integer lastHttpStatus,
            String lastError,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Instant createdAt) {

        static Delivery of(WebhookDelivery d) {
            return d == null
                    ? null
                    : new Delivery(
                            d.id.toString(),
                            d.eventType,
                            d.lineId,
                            d.status,
                            d.attempts,
                            d.lastHttpStatus,
                            d.lastError,
                            d.nextAttemptAt,
                            d.deliveredAt,
                            d.createdAt);
        }
    }

    private final LineAccess access;
    private final WebhookRegistry registry;

    public WebhookResource(LineAccess access, WebhookRegistry registry) {
        this.access = access;
        this.registry = registry;
    }

    @POST
    @Operation(
            summary =
                    "Register a webhook of this line (https URL; scope LINE); 201 with the signing secret, shown once")
    public Response register(RegisterRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        var registered = registry.register(
                line, request == null ? null : request.url(), request == null ? null : request.scope());
        WebhookEndpoint e = registered.endpoint();
        return Response.created(URI.create("/api/tracking/webhooks/" + e.id))
                .entity(new Created(e.id.toString(), e.url, e.scope, registered.secret(), e.createdAt))
                .build();
    }

    @GET
    @Operation(summary = "This line's webhooks (never the secret)")
    public Map<String, List<Webhook>> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TrackedLine line = access.fromAuthorization(authorization);
        return Map.of(
                "webhooks",
                registry.visibleTo(line).stream()
                        .map(e -> new Webhook(
                                e.id.toString(),
                                e.url,
                                e.scope,
                                e.createdAt,
                                e.disabledAt,
                                e.disabledReason,
                                Delivery.of(registry.lastDelivery(e))))
                        .toList());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook and its delivery log; 204")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        registry.delete(access.fromAuthorization(authorization), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The webhook's delivery log, newest first (at most 100)")
    public Map<String, List<Delivery>> deliveries(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Map.of(
                "deliveries",
                registry.deliveries(access.fromAuthorization(authorization), id).stream()
                        .map(Delivery::of)
                        .toList());
    }

    @POST
    @Path("{id}/ping")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a signed ping event to the webhook; 202 with the delivery id")
    public Response ping(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookDelivery delivery = registry.ping(access.fromAuthorization(authorization), id);
        return Response.accepted(Map.of("deliveryId", delivery.id.toString())).build();
    }
}

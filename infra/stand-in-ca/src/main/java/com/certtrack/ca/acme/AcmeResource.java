package com.certtrack.ca.acme;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.limits.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The ACME server (RFC 8555) with External Account Binding required. Every POST is a flattened JWS
 * ({@code application/jose+json}); {@link AcmeHeaders} adds Replay-Nonce and the index link to every answer.
 */
@Path("/acme")
public class AcmeResource {

    static final String JOSE_JSON = "application/jose+json";
    static final String PEM_CHAIN = "application/pem-certificate-chain";

    private final AcmeRegistrations registrations;
    private final AcmeOrders orders;
    private final AcmeChallenges challenges;
    private final AcmeRevocations revocations;
    private final RenewalInfo renewalInfo;
    private final CaConfig config;

    public AcmeResource(
            AcmeRegistrations registrations,
            AcmeOrders orders,
            AcmeChallenges challenges,
            AcmeRevocations revocations,
            RenewalInfo renewalInfo,
            CaConfig config) {
        this.registrations = registrations;
        this.orders = orders;
        this.challenges = challenges;
        this.revocations = revocations;
        this.renewalInfo = renewalInfo;
        this.config = config;
    }

    @GET
    @Path("directory")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> directory(@Context UriInfo uri) {
        AcmeUrls urls = new AcmeUrls(uri.getBaseUri().toString());
        Map<String, Object> directory = new LinkedHashMap<>();
        directory.put("newNonce", urls.newNonce());
        directory.put("newAccount", urls.newAccount());
        directory.put("newOrder", urls.newOrder());
        directory.put("revokeCert", urls.revokeCert());
        directory.put("keyChange", urls.keyChange());
        directory.put("renewalInfo", urls.renewalInfo());
        directory.put("meta", Map.of("externalAccountRequired", true, "website", config.publicUrl()));
        return directory;
    }

    @HEAD
    @Path("new-nonce")
    public Response nonceHead() {
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("new-nonce")
    public Response nonceGet() {
        return Response.noContent().header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("new-account")
    public Response newAccount(
            @Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerRequest request, String body) {
        return answer(registrations.newAccount(body, urls(headers, uri), ClientAddress.of(request)));
    }

    @POST
    @Path("acct/{id}")
    public Response account(
            @PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(registrations.account(id(id), body, urls(headers, uri)));
    }

    @POST
    @Path("acct/{id}/orders")
    public Response accountOrders(
            @PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(registrations.orders(id(id), body, urls(headers, uri)));
    }

    @POST
    @Path("key-change")
    public Response keyChange(@Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(registrations.keyChange(body, urls(headers, uri)));
    }

    @POST
    @Path("new-order")
    public Response newOrder(@Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(orders.newOrder(body, urls(headers, uri)));
    }

    @POST
    @Path("order/{id}")
    public Response order(@PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(orders.order(id(id), body, urls(headers, uri)));
    }

    @POST
    @Path("order/{id}/finalize")
    public Response finalizeOrder(
            @PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(orders.finalizeOrder(id(id), body, urls(headers, uri)));
    }

    @POST
    @Path("authz/{id}")
    public Response authorization(
            @PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return answer(orders.authorization(id(id), body, urls(headers, uri)));
    }

    @POST
    @Path("chall/{authorization}/{type}")
    public Response challenge(
            @PathParam("authorization") String authorization,
            @PathParam("type") String type,
            @Context HttpHeaders headers,
            @Context UriInfo uri,
            String body) {
        AcmeUrls urls = urls(headers, uri);
        UUID id = id(authorization);
        return Response.fromResponse(answer(challenges.respond(id, type, body, urls)))
                .header("Link", "<" + urls.authorization(id) + ">;rel=\"up\"")
                .build();
    }

    @POST
    @Path("cert/{id}")
    public Response certificate(
            @PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri, String body) {
        return Response.ok(orders.certificate(id(id), body, urls(headers, uri)), PEM_CHAIN)
                .build();
    }

    @POST
    @Path("revoke-cert")
    public Response revokeCert(@Context HttpHeaders headers, @Context UriInfo uri, String body) {
        revocations.revoke(body, urls(headers, uri));
        return Response.ok().build();
    }

    @GET
    @Path("renewal-info/{certificateId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response renewalInfo(@PathParam("certificateId") String certificateId) {
        return Response.ok(renewalInfo.window(certificateId))
                .header("Retry-After", RenewalInfo.RETRY_AFTER.toSeconds())
                .build();
    }

    private static AcmeUrls urls(HttpHeaders headers, UriInfo uri) {
        MediaType type = headers.getMediaType();
        if (type == null || !JOSE_JSON.equals(type.getType() + "/" + type.getSubtype())) {
            throw new AcmeProblem(415, "malformed", "ACME requests are sent as " + JOSE_JSON + ".");
        }
        return new AcmeUrls(uri.getBaseUri().toString());
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw AcmeOrders.notFound("resource");
        }
    }

    private static Response answer(AcmeAnswer answer) {
        Response.ResponseBuilder builder =
                Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON);
        if (answer.location() != null) {
            builder.header("Location", answer.location());
        }
        return builder.build();
    }
}

package com.certtrack.ca.order;

import com.certtrack.ca.auth.ApiKeys;
import com.certtrack.ca.dcv.DcvService;
import com.certtrack.support.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** The order API, in the style of commercial CA APIs; every call names its client by API key. */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final ApiKeys apiKeys;
    private final OrderService orders;
    private final DcvService dcv;

    private final DomainActions domains;

    public OrderResource(ApiKeys apiKeys, OrderService orders, DcvService dcv, DomainActions domains) {
        this.apiKeys = apiKeys;
        this.orders = orders;
        this.dcv = dcv;
        this.domains = domains;
    }

    /** 201 with a new order; 200 with the same order (and CA Reference) when the clientOrderId was seen before. */
    @POST
    public Response create(
            @HeaderParam(ApiKeys.HEADER) String apiKey, @NotNull @Valid OrderApi.CreateOrderRequest request) {
        String client = apiKeys.client(apiKey);
        OrderService.Creation creation = orders.create(client, request);
        return Response.status(creation.replay() ? 200 : 201)
                .entity(creation.order())
                .build();
    }

    @GET
    @Path("{orderId}")
    public OrderApi.OrderView get(@HeaderParam(ApiKeys.HEADER) String apiKey, @PathParam("orderId") String orderId) {
        return orders.view(apiKeys.client(apiKey), id(orderId));
    }

    /** Checks the order's pending HTTP and DNS validations now instead of at the next scheduled round. */
    @POST
    @Path("{orderId}/dcv/check")
    public OrderApi.OrderView checkDcv(
            @HeaderParam(ApiKeys.HEADER) String apiKey, @PathParam("orderId") String orderId) {
        String client = apiKeys.client(apiKey);
        UUID id = id(orderId);
        orders.view(client, id);
        dcv.checkOrder(id);
        return orders.view(client, id);
    }

    /** Switches one domain to another DCV method: a new token and new instructions, the domain PENDING again. */
    @PUT
    @Path("{orderId}/domains/{name}")
    public OrderApi.OrderView changeDcvMethod(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @PathParam("name") String name,
            @NotNull @Valid OrderApi.ChangeDcvMethodRequest request) {
        return domains.changeMethod(apiKeys.client(apiKey), id(orderId), name, request.dcvMethod());
    }

    /** Sends the approval e-mail of an EMAIL domain again, with a new link. */
    @POST
    @Path("{orderId}/domains/{name}/approval-email")
    public OrderApi.OrderView resendApprovalEmail(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @PathParam("name") String name) {
        return domains.resendApproval(apiKeys.client(apiKey), id(orderId), name);
    }

    /** Checks one HTTP or DNS domain now. */
    @POST
    @Path("{orderId}/domains/{name}/check")
    public OrderApi.OrderView checkDomain(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @PathParam("name") String name) {
        return domains.check(apiKeys.client(apiKey), id(orderId), name);
    }

    /** Revokes one certificate of the order (the current one, or one a reissue superseded). */
    @POST
    @Path("{orderId}/certificates/{serial}/revoke")
    public OrderApi.OrderView revokeCertificate(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @PathParam("serial") String serial,
            @NotNull @Valid OrderApi.RevokeRequest request) {
        return orders.revokeCertificate(apiKeys.client(apiKey), id(orderId), serial, request);
    }

    @POST
    @Path("{orderId}/reissue")
    public OrderApi.OrderView reissue(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @NotNull @Valid OrderApi.ReissueRequest request) {
        return orders.reissue(apiKeys.client(apiKey), id(orderId), request);
    }

    @POST
    @Path("{orderId}/revoke")
    public OrderApi.OrderView revoke(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @NotNull @Valid OrderApi.RevokeRequest request) {
        return orders.revoke(apiKeys.client(apiKey), id(orderId), request);
    }

    @POST
    @Path("{orderId}/cancel")
    public OrderApi.OrderView cancel(@HeaderParam(ApiKeys.HEADER) String apiKey, @PathParam("orderId") String orderId) {
        return orders.cancel(apiKeys.client(apiKey), id(orderId));
    }

    /** {@code format=pem}: the leaf; {@code format=chain}: leaf then intermediate. */
    @GET
    @Path("{orderId}/certificate")
    @Produces({"application/pem-certificate-chain", MediaType.APPLICATION_JSON})
    public Response certificate(
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @PathParam("orderId") String orderId,
            @QueryParam("format") String format) {
        String pem = orders.certificate(apiKeys.client(apiKey), id(orderId), format);
        return Response.ok(pem, "application/pem-certificate-chain").build();
    }

    /** An id that is not a UUID names no order: 404, like an unknown one. */
    static UUID id(String orderId) {
        try {
            return UUID.fromString(orderId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No order " + orderId + " for this API key.");
        }
    }
}

package com.certtrack.ca.operator;

import com.certtrack.ca.auth.ApiKeys;
import com.certtrack.ca.order.OrderApi;
import com.certtrack.ca.order.OrderService;
import com.certtrack.support.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The CA operator's decision on an OV/EV order's organisation; a rejection ends the order with its reason. */
@Path("/api/v1/operator/orders/{orderId}/organisation-validation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganisationValidationResource {

    private final ApiKeys apiKeys;
    private final OrderService orders;

    public OrganisationValidationResource(ApiKeys apiKeys, OrderService orders) {
        this.apiKeys = apiKeys;
        this.orders = orders;
    }

    @POST
    public OrderApi.OrderView decide(
            @HeaderParam(ApiKeys.OPERATOR_HEADER) String operatorKey,
            @PathParam("orderId") String orderId,
            @NotNull @Valid OrderApi.OrganisationValidationRequest request) {
        apiKeys.operator(operatorKey);
        UUID id;
        try {
            id = UUID.fromString(orderId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No order " + orderId + ".");
        }
        return orders.organisationValidation(id, request);
    }
}

package com.certtrack.order.placement;

import com.certtrack.order.idempotency.RequestFingerprint;
import com.certtrack.order.validation.OrderValidator;
import com.certtrack.order.validation.ValidatedOrder;
import com.certtrack.support.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY_FORM = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final OrderValidator validator;
    private final OrderService orders;
    private final RequestFingerprint fingerprint;
    private final OrderMetrics metrics;

    public OrderResource(
            OrderValidator validator, OrderService orders, RequestFingerprint fingerprint, OrderMetrics metrics) {
        this.validator = validator;
        this.orders = orders;
        this.fingerprint = fingerprint;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Place an order",
            description = "With an Idempotency-Key, a repeated identical request "
                    + "answers 200 with the order the first one created (header Idempotent-Replayed: true); the same key "
                    + "with a different body answers 422.")
    @APIResponse(responseCode = "201", description = "Order placed")
    @APIResponse(responseCode = "200", description = "Replay of an earlier request with the same Idempotency-Key")
    @APIResponse(responseCode = "400", description = "Invalid fields, listed in errors[]")
    @APIResponse(responseCode = "413", description = "Body too large")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Response place(
            @Parameter(description = "1-255 visible ASCII characters, e.g. a UUID") @HeaderParam(IDEMPOTENCY_KEY)
                    String key,
            PlaceOrderRequest request) {
        Optional<OrderService.IdempotentRequest> idempotent = idempotency(key, request);
        ValidatedOrder valid = validator.validate(request);
        OrderService.Placement placement = orders.place(valid, idempotent);
        URI location = URI.create("/api/orders/" + placement.order().orderNumber());
        if (placement.replayed()) {
            return Response.ok(placement.order())
                    .location(location)
                    .header(REPLAYED, "true")
                    .build();
        }
        metrics.placed(valid);
        return Response.created(location).entity(placement.order()).build();
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "An order's summary (no secrets)")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order")
    public OrderView get(@PathParam("number") String number) {
        return OrderNumbers.normalise(number)
                .flatMap(orders::find)
                .orElseThrow(() -> ProblemException.notFound("There is no order with this number."));
    }

    private Optional<OrderService.IdempotentRequest> idempotency(String key, PlaceOrderRequest request) {
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY_FORM.matcher(key).matches()) {
            throw ProblemException.invalid(IDEMPOTENCY_KEY, "must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        return Optional.of(new OrderService.IdempotentRequest(key, fingerprint.of(request)));
    }
}

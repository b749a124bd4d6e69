package com.certtrack.order.placement;

import com.certtrack.order.validation.CaasTermDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Email;
import java.util.List;

/**
 * The body of {@code POST /api/orders}. Product and DCV method are plain strings here so that an unknown value is
 * reported as a field error by {@link com.certtrack.order.validation.OrderValidator}, not as unreadable JSON.
 */
public record PlaceOrderRequest(Customer customer, List<Line> lines) {

    public record Customer(String name, @Email String email, String organisation) {}

    /**
     * A certificate line ({@code product}, {@code domains}, {@code dcvMethod}, {@code csr}) or a CaaS line
     * ({@code term}, months or an ISO-8601 period such as {@code P1Y}); either may name the line it renews ({@code renewalOf}, a line id such as {@code CT-...-1}).
     */
    public record Line(
            String product,
            List<String> domains,
            String dcvMethod,
            String csr,

            @JsonDeserialize(using = CaasTermDeserializer.class)
            Integer term,

            String renewalOf) {}
}

package com.certtrack.order.validation;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import java.util.List;

/** An order that passed every check: products and methods resolved, domains in ASCII form. */
public record ValidatedOrder(Customer customer, List<Line> lines) {

    public record Customer(String name, String email, String organisation) {}

    /**
     * {@code domains}, {@code dcvMethod} and {@code csrPem} for certificates; {@code termMonths} for CaaS;
     * {@code renewalOf} (canonical line id) or null for either.
     */
    public record Line(
            Product product,
            List<String> domains,
            DcvMethod dcvMethod,
            String csrPem,
            Integer termMonths,
            String renewalOf) {}
}

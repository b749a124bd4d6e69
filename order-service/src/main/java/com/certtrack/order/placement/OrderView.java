package com.certtrack.order.placement;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What a customer sees of an order, in the answer to {@code POST /api/orders} and {@code GET /api/orders/{number}}.
 * No secrets, and the e-mail address only as a hint: whoever holds an order number may read this.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String orderNumber, String status, Instant createdAt, Customer customer, List<Line> lines) {

    public record Customer(String name, String email, String organisation) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            String lineId,
            Product product,
            List<String> domains,
            DcvMethod dcvMethod,
            Integer term,
            Boolean csrProvided,
            String renewalOf) {}

    public static OrderView of(CustomerOrder order) {
        List<Line> lines = order.lines.stream().map(OrderView::line).toList();
        return new OrderView(
                order.orderNumber,
                order.status,
                order.createdAt,
                new Customer(order.customerName, maskEmail(order.customerEmail), order.customerOrganisation),
                lines);
    }

    private static Line line(OrderLine line) {
        if (line.product == Product.CAAS) {
            return new Line(line.lineId, line.product, null, null, line.termMonths, null, line.renewalOf);
        }
        return new Line(
                line.lineId,
                line.product,
                Arrays.asList(line.domains),
                line.dcvMethod,
                null,
                line.csrPem != null,
                line.renewalOf);
    }

    /** {@code jane.doe@example.com} → {@code j***@example.com}. */
    static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}

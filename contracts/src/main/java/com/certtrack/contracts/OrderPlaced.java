package com.certtrack.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer placed an order; published by order-service on {@link Topics#ORDERS}. */
public record OrderPlaced(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String orderNumber,
        Customer customer,
        List<Line> lines)
        implements CertTrackEvent {

    public static final String TYPE = "OrderPlaced";
    public static final int SCHEMA_VERSION = 1;

    public static OrderPlaced of(
            UUID eventId, Instant occurredAt, String orderNumber, Customer customer, List<Line> lines) {
        return new OrderPlaced(eventId, TYPE, SCHEMA_VERSION, occurredAt, orderNumber, customer, lines);
    }

    public record Customer(String name, String email, String organisation) {}

    /**
     * A product line. Certificate lines carry domains, DCV method and optionally a CSR; CaaS lines carry
     * the subscription term in months. {@code renewalOf} is the line id of the line this one renews, or null;
     * consumers honour it only when both lines were ordered with the same customer e-mail.
     */
    public record Line(
            String lineId,
            Product product,
            List<String> domains,
            DcvMethod dcvMethod,
            String csrPem,
            Integer termMonths,
            String renewalOf) {

        public Line(
                String lineId,
                Product product,
                List<String> domains,
                DcvMethod dcvMethod,
                String csrPem,
                Integer termMonths) {
            this(lineId, product, domains, dcvMethod, csrPem, termMonths, null);
        }
    }
}

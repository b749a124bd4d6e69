package com.certtrack.order.placement;

import com.certtrack.contracts.Product;
import com.certtrack.order.validation.ValidatedOrder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code certtrack_orders_placed_total{product}}: orders accepted that contain the product (an order with a DV line
 * and a CaaS line counts once for each); {@code certtrack_order_lines_placed_total{product}}: the lines themselves.
 * Idempotent replays are not counted.
 */
@ApplicationScoped
public class OrderMetrics {

    private final Map<Product, Counter> orders = new EnumMap<>(Product.class);
    private final Map<Product, Counter> lines = new EnumMap<>(Product.class);

    public OrderMetrics(MeterRegistry registry) {
        for (Product product : Product.values()) {
            orders.put(
                    product,
                    Counter.builder("certtrack.orders.placed")
                            .tag("product", product.name())
                            .description("Orders placed that contain the product")
                            .register(registry));
            lines.put(
                    product,
                    Counter.builder("certtrack.order.lines.placed")
                            .tag("product", product.name())
                            .description("Order lines placed, by product")
                            .register(registry));
        }
    }

    public void placed(ValidatedOrder order) {
        order.lines().stream()
                .map(ValidatedOrder.Line::product)
                .distinct()
                .forEach(product -> orders.get(product).increment());
        order.lines().forEach(line -> lines.get(line.product()).increment());
    }
}

package com.certtrack.order.placement;

import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Topics;
import com.certtrack.order.idempotency.IdempotencyKeys;
import com.certtrack.order.validation.ValidatedOrder;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Places orders: the order, its lines and the OrderPlaced outbox row commit together or not at all. */
@ApplicationScoped
public class OrderService {

    /** The order and whether it was created by an earlier request with the same Idempotency-Key. */
    public record Placement(OrderView order, boolean replayed) {}

    /** An Idempotency-Key and the fingerprint of the request that carried it. */
    public record IdempotentRequest(String key, String requestHash) {}

    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;

    public OrderService(Outbox outbox, IdempotencyKeys idempotencyKeys) {
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Transactional
    public Placement place(ValidatedOrder order, Optional<IdempotentRequest> idempotent) {
        String number = OrderNumbers.next();
        if (idempotent.isPresent()) {
            IdempotentRequest request = idempotent.get();
            Optional<IdempotencyKeys.Claim> earlier =
                    idempotencyKeys.claim(request.key(), request.requestHash(), number);
            if (earlier.isPresent()) {
                return replay(earlier.get(), request);
            }
        }
        CustomerOrder placed = persist(number, order);
        outbox.append(Topics.ORDERS, event(placed));
        return new Placement(OrderView.of(placed), false);
    }

    @Transactional
    public Optional<OrderView> find(String orderNumber) {
        return CustomerOrder.<CustomerOrder>findByIdOptional(orderNumber).map(OrderView::of);
    }

    private static Placement replay(IdempotencyKeys.Claim earlier, IdempotentRequest request) {
        if (!earlier.requestHash().equals(request.requestHash())) {
            throw new ProblemException(Problem.of(
                    422,
                    "idempotency-key-reused",
                    "Idempotency-Key reused",
                    "This Idempotency-Key was already used for a different order; use a new key for a new order."));
        }
        CustomerOrder existing = CustomerOrder.findById(earlier.orderNumber());
        return new Placement(OrderView.of(existing), true);
    }

    private static CustomerOrder persist(String number, ValidatedOrder order) {
        CustomerOrder placed = new CustomerOrder();
        placed.orderNumber = number;
        placed.status = CustomerOrder.PLACED;
        placed.customerName = order.customer().name();
        placed.customerEmail = order.customer().email();
        placed.customerOrganisation = order.customer().organisation();
        placed.placedEventId = UUID.randomUUID();
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns.
        placed.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < order.lines().size(); i++) {
            ValidatedOrder.Line valid = order.lines().get(i);
            OrderLine line = new OrderLine();
            line.order = placed;
            line.lineNo = i + 1;
            line.lineId = number + "-" + line.lineNo;
            line.product = valid.product();
            line.domains =
                    valid.domains() == null ? new String[0] : valid.domains().toArray(String[]::new);
            line.dcvMethod = valid.dcvMethod();
            line.csrPem = valid.csrPem();
            line.termMonths = valid.termMonths();
            line.renewalOf = valid.renewalOf();
            placed.lines.add(line);
        }
        placed.persist();
        return placed;
    }

    private static OrderPlaced event(CustomerOrder order) {
        List<OrderPlaced.Line> lines = order.lines.stream()
                .map(line -> new OrderPlaced.Line(
                        line.lineId,
                        line.product,
                        line.domains.length == 0 ? null : Arrays.asList(line.domains),
                        line.dcvMethod,
                        line.csrPem,
                        line.termMonths,
                        line.renewalOf))
                .toList();
        return OrderPlaced.of(
                order.placedEventId,
                order.createdAt,
                order.orderNumber,
                new OrderPlaced.Customer(order.customerName, order.customerEmail, order.customerOrganisation),
                lines);
    }
}

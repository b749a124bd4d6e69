package com.certtrack.cagateway.submission;

import com.certtrack.cagateway.line.CaLine;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.support.events.PoisonEventException;
import com.certtrack.support.ledger.EventLedger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;

@ApplicationScoped
public class LineIntake {

    private final EventLedger ledger;
    private final Event<SubmissionJob.LinesArrived> arrived;

    public LineIntake(EventLedger ledger, Event<SubmissionJob.LinesArrived> arrived) {
        this.ledger = ledger;
        this.arrived = arrived;
    }

    /** Records every line once, in the same transaction as the processed-event ledger entry. */
    @Transactional
    public void accept(OrderPlaced order) {
        if (order.lines() == null || order.lines().isEmpty()) {
            throw new PoisonEventException("OrderPlaced " + order.orderNumber() + " has no lines");
        }
        if (!ledger.firstDelivery(order.eventId(), "ca-gateway.orders")) {
            return;
        }
        Instant now = Instant.now();
        for (OrderPlaced.Line line : order.lines()) {
            if (line.lineId() == null || line.product() == null) {
                throw new PoisonEventException(
                        "OrderPlaced " + order.orderNumber() + " has a line without id or product");
            }
            if (CaLine.findById(line.lineId()) != null) {
                continue;
            }
            CaLine row = new CaLine();
            row.lineId = line.lineId();
            row.orderNumber = order.orderNumber();
            row.product = line.product();
            row.domains = line.domains() == null ? null : String.join(",", line.domains());
            row.dcvMethod = line.dcvMethod();
            row.csrPem = line.csrPem();
            row.termMonths = line.product() == Product.CAAS ? line.termMonths() : null;
            row.organisation =
                    order.customer() == null ? null : order.customer().organisation();
            row.orderedAt = order.occurredAt();
            row.state = CaLine.State.PENDING;
            row.nextAttemptAt = now;
            row.persist();
        }
        arrived.fire(new SubmissionJob.LinesArrived());
    }
}

package com.certtrack.notification.csr;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.notification.NotificationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which certificate lines wait for the CSR they were ordered without, fed by the intake in its transaction: the
 * order starts the wait, the CSR (a {@link ReissueRequested} of a line without certificate) or the line's end
 * stops it. {@link CsrReminderJob} mails those still waiting when their delay is over.
 */
@ApplicationScoped
public class AwaitedCsrs {

    private static final Set<CaOrderStatus> NO_CSR_WANTED = Set.of(
            CaOrderStatus.ISSUED,
            CaOrderStatus.REISSUE_PENDING,
            CaOrderStatus.REJECTED,
            CaOrderStatus.CANCELLED,
            CaOrderStatus.REVOKED,
            CaOrderStatus.EXPIRED);

    private final EntityManager em;
    private final Clock clock;
    private final NotificationConfig config;

    public AwaitedCsrs(EntityManager em, Clock clock, NotificationConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onOrderPlaced(OrderPlaced placed) {
        // Counted from when the order reaches this service: an order replayed late is not reminded at once.
        Instant remindAt = clock.instant().plus(config.csrReminder().after());
        for (OrderPlaced.Line line : placed.lines() == null ? List.<OrderPlaced.Line>of() : placed.lines()) {
            if (line.product() == Product.CAAS
                    || line.product() == null
                    || (line.csrPem() != null && !line.csrPem().isBlank())) {
                continue;
            }
            em.createNativeQuery("INSERT INTO awaited_csr (line_id, order_number, product, domains, remind_at, "
                            + "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                    .setParameter(1, line.lineId())
                    .setParameter(2, placed.orderNumber())
                    .setParameter(3, line.product().name())
                    .setParameter(4, line.domains() == null ? "" : String.join(",", line.domains()))
                    .setParameter(5, remindAt)
                    .setParameter(6, clock.instant())
                    .executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCsr(ReissueRequested request) {
        stop(request.lineId(), "RECEIVED");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onStatusChanged(CaOrderStatusChanged changed) {
        if (NO_CSR_WANTED.contains(changed.status())) {
            stop(changed.lineId(), "ENDED");
        }
    }

    private void stop(String lineId, String status) {
        em.createNativeQuery("UPDATE awaited_csr SET status = ?1, updated_at = ?2 WHERE line_id = ?3 "
                        + "AND status = 'WAITING'")
                .setParameter(1, status)
                .setParameter(2, clock.instant())
                .setParameter(3, lineId)
                .executeUpdate();
    }
}

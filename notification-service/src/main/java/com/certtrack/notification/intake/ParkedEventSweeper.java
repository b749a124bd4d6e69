package com.certtrack.notification.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Retries parked events whose order has become known. OrderPlaced already releases them in its own transaction;
 * this catches anything left behind (e.g. a release that failed), so nothing parked is ever dropped.
 */
@ApplicationScoped
public class ParkedEventSweeper {

    private static final Logger LOG = Logger.getLogger(ParkedEventSweeper.class);

    private final EventIntake intake;
    private final EntityManager em;

    public ParkedEventSweeper(EventIntake intake, EntityManager em) {
        this.intake = intake;
        this.em = em;
    }

    @Scheduled(
            every = "${certtrack.notification.delivery.parked-retry-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            List<String> ready = QuarkusTransaction.requiringNew()
                    .call(() -> em.createQuery(
                                    "SELECT DISTINCT p.orderNumber FROM ParkedEvent p WHERE EXISTS "
                                            + "(SELECT 1 FROM CustomerOrder c WHERE c.orderNumber = p.orderNumber)",
                                    String.class)
                            .setMaxResults(100)
                            .getResultList());
            for (String orderNumber : ready) {
                QuarkusTransaction.requiringNew().run(() -> intake.releaseParked(orderNumber));
            }
        } catch (RuntimeException e) {
            LOG.warnf("releasing parked events failed, will retry: %s", e.getMessage());
        }
    }
}

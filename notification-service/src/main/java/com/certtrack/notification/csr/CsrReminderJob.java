package com.certtrack.notification.csr;

import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.notification.intake.CustomerOrder;
import com.certtrack.notification.mail.MailDraft;
import com.certtrack.notification.mail.MailJobs;
import com.certtrack.notification.mail.MailPlanner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Queues the "waiting for your CSR" e-mail of lines whose delay is over. Lines are claimed with
 * {@code FOR UPDATE SKIP LOCKED} (replicas share them) and the mail job, whose id derives from the line, is written
 * in the same transaction that marks the line REMINDED: sent once, whatever crashes.
 */
@ApplicationScoped
public class CsrReminderJob {

    private static final Logger LOG = Logger.getLogger(CsrReminderJob.class);
    private static final int BATCH = 100;

    private final EntityManager em;
    private final MailJobs jobs;
    private final MailPlanner planner;
    private final Clock clock;

    public CsrReminderJob(EntityManager em, MailJobs jobs, MailPlanner planner, Clock clock) {
        this.em = em;
        this.jobs = jobs;
        this.planner = planner;
        this.clock = clock;
    }

    @Scheduled(
            every = "${certtrack.notification.csr-reminder.interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            while (queueDue() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.warnf("CSR reminder round failed, will retry: %s", e.getMessage());
        }
    }

    /** @return how many lines were claimed */
    @Transactional
    public int queueDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(
                        "SELECT line_id, order_number, product, domains FROM awaited_csr "
                                + "WHERE status = 'WAITING' AND remind_at <= ?1 ORDER BY remind_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, BATCH)
                .getResultList();
        for (Object[] row : due) {
            String lineId = (String) row[0];
            String orderNumber = (String) row[1];
            CustomerOrder customer = em.find(CustomerOrder.class, orderNumber);
            if (customer == null) {
                continue; // the order row comes with the OrderPlaced that created this one; never expected
            }
            List<String> domains = Arrays.stream(((String) row[3]).split(","))
                    .filter(d -> !d.isBlank())
                    .toList();
            MailDraft draft = planner.csrReminder(
                    orderNumber, customer.customerName, lineId, Product.valueOf((String) row[2]), domains);
            UUID reminderId = UUID.nameUUIDFromBytes(("csr-reminder:" + lineId).getBytes(StandardCharsets.UTF_8));
            jobs.enqueue(reminderId, orderNumber, Topics.ORDERS, customer.customerEmail, List.of(draft), now);
            em.createNativeQuery("UPDATE awaited_csr SET status = 'REMINDED', updated_at = ?1 WHERE line_id = ?2")
                    .setParameter(1, now)
                    .setParameter(2, lineId)
                    .executeUpdate();
            LOG.infof("CSR reminder of line %s queued", lineId);
        }
        return due.size();
    }
}

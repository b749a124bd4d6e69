package com.certtrack.notification.reminders;

import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.notification.NotificationConfig;
import com.certtrack.notification.intake.CustomerOrder;
import com.certtrack.notification.mail.MailDraft;
import com.certtrack.notification.mail.MailJobs;
import com.certtrack.notification.mail.MailPlanner;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends the expiry reminders that fell due. Each round claims lines with due rows ({@code FOR UPDATE SKIP LOCKED},
 * so replicas share the lines and the consumer's schedule changes wait for the claim) and, in one transaction,
 * writes the mail job of the latest due threshold into the sent-mail ledger and marks its row QUEUED. When several
 * thresholds of a line are due at once (the service was down, or the clock moved) only the latest is sent, the
 * others are SUPERSEDED: no flood of stale reminders. The mail job's id, and so its Message-ID, derives from
 * (line, certificate serial, threshold): a crash before the commit leaves the row PENDING and the same job is
 * written again; a crash after it leaves the delivery to the ledger's sender, which sends each job once.
 */
@ApplicationScoped
public class ReminderJob {

    private static final Logger LOG = Logger.getLogger(ReminderJob.class);
    private static final int MAX_ROUNDS = 20;

    private final EntityManager em;
    private final MailJobs jobs;
    private final MailPlanner planner;
    private final Clock clock;
    private final int batchSize;

    public ReminderJob(EntityManager em, MailJobs jobs, MailPlanner planner, Clock clock, NotificationConfig config) {
        this.em = em;
        this.jobs = jobs;
        this.planner = planner;
        this.clock = clock;
        this.batchSize = config.reminders().batchSize();
    }

    @Scheduled(
            every = "${certtrack.notification.reminders.interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            for (int round = 0; round < MAX_ROUNDS && queueDue() == batchSize; round++) {
                // a full batch: more lines may be due
            }
        } catch (RuntimeException e) {
            LOG.warnf("expiry reminder round failed, will retry: %s", e.getMessage());
        }
    }

    /** @return how many lines were claimed */
    @Transactional
    public int queueDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<String> lines = em.createNativeQuery("SELECT l.line_id FROM reminder_line l WHERE EXISTS "
                        + "(SELECT 1 FROM reminder_due d WHERE d.line_id = l.line_id AND d.status = 'PENDING' "
                        + "AND d.due_at <= ?1) ORDER BY l.line_id LIMIT ?2 FOR UPDATE OF l SKIP LOCKED")
                .setParameter(1, now)
                .setParameter(2, batchSize)
                .getResultList();
        for (String lineId : lines) {
            queue(em.find(ReminderLine.class, lineId), now);
        }
        return lines.size();
    }

    private void queue(ReminderLine line, Instant now) {
        CustomerOrder customer = em.find(CustomerOrder.class, line.orderNumber);
        if (customer == null) {
            LOG.warnf("reminder of line %s is due but the order %s is not known yet", line.lineId, line.orderNumber);
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("SELECT id, serial_number, days FROM reminder_due "
                        + "WHERE line_id = ?1 AND status = 'PENDING' AND due_at <= ?2 ORDER BY due_at DESC")
                .setParameter(1, line.lineId)
                .setParameter(2, now)
                .getResultList();
        Object[] latest = due.get(0);
        UUID reminderId = (UUID) latest[0];
        String serial = (String) latest[1];
        int days = ((Number) latest[2]).intValue();
        MailDraft draft = planner.expiryReminder(
                line.orderNumber,
                customer.customerName,
                line.lineId,
                line.product == null ? null : Product.valueOf(line.product),
                line.domainNames(),
                serial,
                line.notAfter,
                now);
        jobs.enqueue(reminderId, line.orderNumber, Topics.CA_ORDERS, customer.customerEmail, List.of(draft), now);
        em.createNativeQuery("UPDATE reminder_due SET status = 'QUEUED', mail_job_id = ?1, decided_at = ?2 "
                        + "WHERE id = ?3")
                .setParameter(1, MailJobs.jobId(reminderId, draft.template(), customer.customerEmail))
                .setParameter(2, now)
                .setParameter(3, reminderId)
                .executeUpdate();
        for (Object[] older : due.subList(1, due.size())) {
            em.createNativeQuery("UPDATE reminder_due SET status = 'SUPERSEDED', decided_at = ?1 WHERE id = ?2")
                    .setParameter(1, now)
                    .setParameter(2, older[0])
                    .executeUpdate();
        }
        LOG.infof(
                "expiry reminder (%d days) of line %s queued; %d earlier threshold(s) superseded",
                days, line.lineId, due.size() - 1);
    }
}

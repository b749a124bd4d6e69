package com.certtrack.notification.reminders;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.OrderPlaced;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReminderSettingsChanged;
import com.certtrack.notification.intake.CustomerOrder;
import com.certtrack.support.certificates.SerialNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the expiry-reminder schedule of every certificate line, in the consumer's transaction: one row per
 * (line, certificate, threshold) computed from the certificate's notAfter when it arrives. Thresholds already past
 * at that moment are recorded as PASSED and never sent. A new certificate on the line replaces the schedule, a
 * settings change adds or removes thresholds of the current certificate, a cancelled or revoked line ends it, and
 * an issued renewal line (same customer e-mail) stops the line it renews. {@link ReminderJob} sends what falls due.
 */
@ApplicationScoped
public class ReminderSchedule {

    private static final Logger LOG = Logger.getLogger(ReminderSchedule.class);
    static final int MAX_DAYS = 365;

    private final EntityManager em;
    private final Clock clock;

    public ReminderSchedule(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The schedule row's id, which is also the cause id of its mail job (and so fixes its Message-ID). */
    public static UUID reminderId(String lineId, String serialNumber, int days) {
        return UUID.nameUUIDFromBytes(
                ("expiry-reminder|" + lineId + "|" + serialNumber + "|" + days).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onOrderPlaced(OrderPlaced placed) {
        if (placed.lines() == null) {
            return;
        }
        for (OrderPlaced.Line line : placed.lines()) {
            if (line.lineId() == null || line.lineId().isBlank() || line.product() == Product.CAAS) {
                continue;
            }
            em.createNativeQuery("INSERT INTO reminder_line (line_id, order_number, product, domains, renewal_of, "
                            + "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (line_id) DO UPDATE SET "
                            + "order_number = EXCLUDED.order_number, product = EXCLUDED.product, "
                            + "domains = COALESCE(reminder_line.domains, EXCLUDED.domains), renewal_of = EXCLUDED.renewal_of, "
                            + "updated_at = EXCLUDED.updated_at")
                    .setParameter(1, line.lineId())
                    .setParameter(2, placed.orderNumber())
                    .setParameter(
                            3, line.product() == null ? null : line.product().name())
                    .setParameter(4, line.domains() == null ? null : String.join(",", line.domains()))
                    .setParameter(5, line.renewalOf())
                    .setParameter(6, clock.instant())
                    .executeUpdate();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onSettings(ReminderSettingsChanged changed) {
        ReminderLine line = lock(changed.lineId(), changed.orderNumber());
        line.reminderDays = encode(changed.reminderDays());
        line.updatedAt = clock.instant();
        if (line.serialNumber != null && line.endedAt == null) {
            reconcile(line);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onStatusChanged(CaOrderStatusChanged changed, CustomerOrder customer) {
        CaOrderStatus status = changed.status();
        if (status == CaOrderStatus.CANCELLED || status == CaOrderStatus.REVOKED) {
            end(lock(changed.lineId(), changed.orderNumber()), status.name());
        } else if (status == CaOrderStatus.ISSUED
                && changed.certificate() != null
                && changed.certificate().notAfter() != null
                && changed.certificate().serialNumber() != null) {
            certificateArrived(changed, customer);
        }
    }

    /** The current certificate's serial as this service knows it (normalised), or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String currentSerial(String lineId) {
        ReminderLine line = em.find(ReminderLine.class, lineId);
        return line == null ? null : line.serialNumber;
    }

    /** Serial numbers compare in their one normal form; something that is no serial stays as it came. */
    public static String normaliseSerial(String serial) {
        return SerialNumbers.normalise(serial).orElse(serial);
    }

    private void certificateArrived(CaOrderStatusChanged changed, CustomerOrder customer) {
        ReminderLine line = lock(changed.lineId(), changed.orderNumber());
        if (line.endedAt != null) {
            return;
        }
        List<DomainValidation> domains = changed.domains();
        if (domains != null && !domains.isEmpty()) {
            line.domains = domains.stream().map(DomainValidation::name).collect(Collectors.joining(","));
        }
        String serial = normaliseSerial(changed.certificate().serialNumber());
        if (serial.equals(line.serialNumber)) {
            return;
        }
        Instant now = clock.instant();
        if (line.serialNumber != null) {
            int replaced = em.createNativeQuery("UPDATE reminder_due SET status = 'REPLACED', decided_at = ?1 "
                            + "WHERE line_id = ?2 AND status = 'PENDING'")
                    .setParameter(1, now)
                    .setParameter(2, line.lineId)
                    .executeUpdate();
            LOG.infof(
                    "line %s has a new certificate: %d reminder(s) of the previous one replaced",
                    line.lineId, replaced);
        }
        line.serialNumber = serial;
        line.notAfter = changed.certificate().notAfter();
        line.certificateArrivedAt = now;
        line.updatedAt = now;
        reconcile(line);
        if (line.renewalOf != null) {
            stopRenewed(line, customer);
        }
    }

    /** The line renews an older one: once it is issued, the older line's reminders stop (same customer only). */
    private void stopRenewed(ReminderLine renewal, CustomerOrder customer) {
        ReminderLine old = em.find(ReminderLine.class, renewal.renewalOf, LockModeType.PESSIMISTIC_WRITE);
        if (old == null) {
            return;
        }
        CustomerOrder oldCustomer = em.find(CustomerOrder.class, old.orderNumber);
        if (oldCustomer == null
                || customer == null
                || !oldCustomer.customerEmail.equalsIgnoreCase(customer.customerEmail)) {
            LOG.infof(
                    "line %s names %s as renewed, but not for the same customer e-mail: its reminders go on",
                    renewal.lineId, old.lineId);
            return;
        }
        old.renewedBy = renewal.lineId;
        old.updatedAt = clock.instant();
        int stopped = em.createNativeQuery("UPDATE reminder_due SET status = 'RENEWED', decided_at = ?1 "
                        + "WHERE line_id = ?2 AND status = 'PENDING'")
                .setParameter(1, clock.instant())
                .setParameter(2, old.lineId)
                .executeUpdate();
        LOG.infof("line %s renewed by %s: %d reminder(s) stopped", old.lineId, renewal.lineId, stopped);
    }

    private void end(ReminderLine line, String because) {
        if (line.endedAt != null) {
            return;
        }
        Instant now = clock.instant();
        line.endedAt = now;
        line.endedBecause = because;
        line.updatedAt = now;
        em.createNativeQuery("UPDATE reminder_due SET status = 'ENDED', decided_at = ?1 WHERE line_id = ?2 "
                        + "AND status = 'PENDING'")
                .setParameter(1, now)
                .setParameter(2, line.lineId)
                .executeUpdate();
    }

    /**
     * Brings the current certificate's rows in line with the chosen days: rows of days no longer chosen stop (OFF),
     * new days get a row (PENDING, or PASSED when already past now), a day chosen again comes back. A row that was
     * QUEUED stays so: each (line, certificate, threshold) is mailed at most once, whatever the settings do.
     */
    private void reconcile(ReminderLine line) {
        Instant now = clock.instant();
        Set<Integer> days = new LinkedHashSet<>(line.days());
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery("SELECT id, days FROM reminder_due WHERE line_id = ?1 "
                        + "AND serial_number = ?2 AND status = 'PENDING'")
                .setParameter(1, line.lineId)
                .setParameter(2, line.serialNumber)
                .getResultList();
        for (Object[] row : pending) {
            if (!days.contains(((Number) row[1]).intValue())) {
                em.createNativeQuery("UPDATE reminder_due SET status = 'OFF', decided_at = ?1 WHERE id = ?2")
                        .setParameter(1, now)
                        .setParameter(2, row[0])
                        .executeUpdate();
            }
        }
        for (int day : days) {
            Instant due = line.notAfter.minus(Duration.ofDays(day));
            String status = line.renewedBy != null ? "RENEWED" : due.isAfter(now) ? "PENDING" : "PASSED";
            em.createNativeQuery("INSERT INTO reminder_due (id, line_id, serial_number, days, due_at, status, "
                            + "created_at, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                            + "ON CONFLICT (line_id, serial_number, days) DO UPDATE SET status = EXCLUDED.status, "
                            + "decided_at = EXCLUDED.decided_at WHERE reminder_due.status = 'OFF'")
                    .setParameter(1, reminderId(line.lineId, line.serialNumber, day))
                    .setParameter(2, line.lineId)
                    .setParameter(3, line.serialNumber)
                    .setParameter(4, day)
                    .setParameter(5, due)
                    .setParameter(6, status)
                    .setParameter(7, now)
                    .setParameter(8, "PENDING".equals(status) ? null : now)
                    .executeUpdate();
        }
    }

    /** The line's row, created if this is the first thing heard of it, and locked against the reminder job. */
    private ReminderLine lock(String lineId, String orderNumber) {
        em.createNativeQuery("INSERT INTO reminder_line (line_id, order_number, updated_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (line_id) DO NOTHING")
                .setParameter(1, lineId)
                .setParameter(2, orderNumber)
                .setParameter(3, clock.instant())
                .executeUpdate();
        return em.find(ReminderLine.class, lineId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Valid days (-365..365, no duplicates), in the order given; null means the defaults. */
    static String encode(List<Integer> days) {
        if (days == null) {
            return null;
        }
        return days.stream()
                .filter(d -> d != null && Math.abs(d) <= MAX_DAYS)
                .distinct()
                .map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}

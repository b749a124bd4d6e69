package com.certtrack.notification.mail;

import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.notification.NotificationConfig;
import com.certtrack.notification.reminders.ReminderLine;
import com.certtrack.notification.reminders.ReminderSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * E-mails about revoked superseded certificates: one per revoke request. ca-gateway answers a request with one
 * {@link CertificateRevoked} per certificate and the answer does not name the request, so the request itself is
 * kept (from tracking-commands.v1) and each answer is matched to the latest request of the line naming its serial.
 * The first answer queues the e-mail held back by {@code revocation-grouping}; the next ones add their serial to it
 * while it is untried. An answer that comes later than that, or matches no request, gets an e-mail of its own.
 * The line's current certificate is not mailed here: its revocation ends the line and the REVOKED status e-mail
 * says so.
 */
@ApplicationScoped
public class RevocationMails {

    private final EntityManager em;
    private final MailJobs jobs;
    private final MailPlanner planner;
    private final ReminderSchedule schedule;
    private final Clock clock;
    private final Duration grouping;

    public RevocationMails(
            EntityManager em,
            MailJobs jobs,
            MailPlanner planner,
            ReminderSchedule schedule,
            Clock clock,
            NotificationConfig config) {
        this.em = em;
        this.jobs = jobs;
        this.planner = planner;
        this.schedule = schedule;
        this.clock = clock;
        this.grouping = config.revocationGrouping();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRequested(RevokeRequested request) {
        if (request.serialNumbers() == null || request.serialNumbers().isEmpty()) {
            return;
        }
        String[] serials = request.serialNumbers().stream()
                .map(ReminderSchedule::normaliseSerial)
                .toArray(String[]::new);
        em.createNativeQuery("INSERT INTO revoke_request (event_id, line_id, serial_numbers, requested_at) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, request.eventId())
                .setParameter(2, request.lineId())
                .setParameter(3, serials)
                .setParameter(4, request.occurredAt() == null ? clock.instant() : request.occurredAt())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRevoked(CertificateRevoked revoked, String topic, String customerName, String recipient) {
        String serial = ReminderSchedule.normaliseSerial(revoked.serialNumber());
        if (serial.equals(schedule.currentSerial(revoked.lineId()))) {
            return;
        }
        UUID group = request(revoked.lineId(), serial);
        ReminderLine line = em.find(ReminderLine.class, revoked.lineId());
        MailDraft draft = planner.certificatesRevoked(
                revoked.orderNumber(),
                customerName,
                revoked.lineId(),
                line == null || line.product == null ? null : Product.valueOf(line.product),
                line == null ? List.of() : line.domainNames(),
                List.of(revoked.serialNumber()),
                revoked.reason(),
                revoked.revokedAt());
        Instant now = clock.instant();
        if (group == null) {
            jobs.enqueue(revoked.eventId(), revoked.orderNumber(), topic, recipient, List.of(draft), now);
            return;
        }
        UUID groupJob = MailJobs.jobId(group, MailTemplate.CERTIFICATES_REVOKED, recipient);
        boolean exists = !em.createNativeQuery("SELECT 1 FROM mail_job WHERE id = ?1")
                .setParameter(1, groupJob)
                .getResultList()
                .isEmpty();
        if (!exists) {
            jobs.enqueue(group, revoked.orderNumber(), topic, recipient, List.of(draft), now.plus(grouping));
        } else if (!jobs.reviseUntried(groupJob, model -> withSerial(model, revoked.serialNumber()))) {
            jobs.enqueue(revoked.eventId(), revoked.orderNumber(), topic, recipient, List.of(draft), now);
        }
    }

    private UUID request(String lineId, String serial) {
        @SuppressWarnings("unchecked")
        List<UUID> found = em.createNativeQuery("SELECT event_id FROM revoke_request WHERE line_id = ?1 "
                        + "AND ?2 = ANY (serial_numbers) ORDER BY requested_at DESC LIMIT 1")
                .setParameter(1, lineId)
                .setParameter(2, serial)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static MailModel withSerial(MailModel model, String serial) {
        List<String> serials = new ArrayList<>(model.serialNumbers() == null ? List.of() : model.serialNumbers());
        if (!serials.contains(serial)) {
            serials.add(serial);
        }
        return new MailModel(
                model.orderNumber(),
                model.customerName(),
                model.lineId(),
                model.product(),
                model.productName(),
                model.lines(),
                model.domains(),
                model.reason(),
                model.certificateSerial(),
                model.validFrom(),
                model.validUntil(),
                model.reissue(),
                model.acmeDirectoryUrl(),
                model.eabKeyId(),
                model.orderedAt(),
                model.revealableUntil(),
                model.daysLeft(),
                serials,
                model.revokedAt());
    }
}

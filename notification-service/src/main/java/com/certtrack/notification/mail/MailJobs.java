package com.certtrack.notification.mail;

import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.NotificationSent;
import com.certtrack.contracts.Topics;
import com.certtrack.notification.NotificationConfig;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.support.retry.Backoff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The sent-mail ledger: queues jobs in the consumer's transaction, hands them to the sender, records outcomes. */
@ApplicationScoped
public class MailJobs {

    /** Fired with a transaction that queued mail; observed after commit to deliver without waiting for a tick. */
    public record Enqueued() {}

    private final EntityManager em;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Event<Enqueued> enqueued;
    private final NotificationConfig config;
    private final Backoff backoff;
    private final Clock clock;

    public MailJobs(
            EntityManager em,
            ObjectMapper json,
            Outbox outbox,
            Event<Enqueued> enqueued,
            NotificationConfig config,
            Clock clock) {
        this.em = em;
        this.clock = clock;
        this.json = json;
        this.outbox = outbox;
        this.enqueued = enqueued;
        this.config = config;
        this.backoff = Backoff.exponential(
                config.delivery().initialBackoff(), config.delivery().maxBackoff());
    }

    /**
     * Queues the drafts for {@code recipient}. The job id (and so the Message-ID) is derived from (event, template,
     * recipient), and the insert ignores a row that already exists: queuing the same event twice mails once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(CertTrackEvent event, String topic, String recipient, List<MailDraft> drafts) {
        enqueue(event.eventId(), event.orderNumber(), topic, recipient, drafts, clock.instant());
    }

    /**
     * Queues mail caused by something other than one event (an expiry reminder: {@code causeId} is derived from
     * line, certificate and threshold), or held back until {@code notBefore}. Same dedupe as above.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(
            UUID causeId,
            String orderNumber,
            String topic,
            String recipient,
            List<MailDraft> drafts,
            Instant notBefore) {
        List<Queued> mails = new ArrayList<>(drafts.size());
        for (MailDraft draft : drafts) {
            mails.add(new Queued(causeId, orderNumber, topic, recipient, draft, notBefore));
        }
        enqueueAll(mails);
    }

    /** Mail to queue: what {@link #enqueue} takes, one draft each, so that a batch of events is queued at once. */
    public record Queued(
            UUID causeId, String orderNumber, String topic, String recipient, MailDraft draft, Instant notBefore) {}

    /** Queues all of {@code mails} in one JDBC batch (the driver folds it into multi-row INSERTs). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Queued> mails) {
        if (mails.isEmpty()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mail_job (id, event_id, "
                    + "template, recipient, topic, order_number, line_id, subject, model, sealed_ca_reference, "
                    + "message_id, status, attempts, next_attempt_at, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Queued mail : mails) {
                    MailDraft draft = mail.draft();
                    UUID id = jobId(mail.causeId(), draft.template(), mail.recipient());
                    OffsetDateTime notBefore = mail.notBefore().atOffset(ZoneOffset.UTC);
                    insert.setObject(1, id);
                    insert.setObject(2, mail.causeId());
                    insert.setString(3, draft.template().id());
                    insert.setString(4, mail.recipient());
                    insert.setString(5, mail.topic());
                    insert.setString(6, mail.orderNumber());
                    insert.setString(7, draft.lineId());
                    insert.setString(8, draft.template().subject(draft.model()));
                    insert.setString(9, toJson(draft.model()));
                    insert.setString(10, draft.sealedCaReference());
                    insert.setString(11, "<" + id + "@" + config.messageIdDomain() + ">");
                    insert.setObject(12, notBefore.isAfter(now) ? notBefore : now);
                    insert.setObject(13, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        enqueued.fire(new Enqueued());
    }

    public static UUID jobId(UUID eventId, MailTemplate template, String recipient) {
        String name = eventId + "|" + template.id() + "|" + recipient.toLowerCase(java.util.Locale.ROOT);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Claims due jobs for one attempt each; replicas skip each other's rows, a crashed sender's lease runs out. */
    @Transactional
    public List<ClaimedJob> claimDue(int limit) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<MailJob> due = em.createNativeQuery(
                        "SELECT * FROM mail_job WHERE status = 'PENDING' "
                                + "AND next_attempt_at <= ?1 AND (lease_until IS NULL OR lease_until < ?1) "
                                + "ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED",
                        MailJob.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        Instant leaseUntil = now.plus(config.delivery().lease());
        for (MailJob job : due) {
            job.attempts++;
            job.leaseUntil = leaseUntil;
        }
        return due.stream().map(ClaimedJob::of).toList();
    }

    /**
     * The SMTP server took these mails: mark them sent, forget the sealed references, tell operators
     * (NotificationSent through the outbox). One transaction for a round's successes.
     */
    @Transactional
    public void markSent(List<ClaimedJob> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        // One UPDATE for the round, not a read and a write per job.
        em.createNativeQuery("UPDATE mail_job SET status = 'SENT', sent_at = ?1, lease_until = NULL, "
                        + "last_error = NULL, sealed_ca_reference = NULL WHERE id IN (?2)")
                .setParameter(1, now)
                .setParameter(2, delivered.stream().map(ClaimedJob::id).toList())
                .executeUpdate();
        for (ClaimedJob job : delivered) {
            outbox.append(
                    Topics.NOTIFICATIONS,
                    NotificationSent.of(
                            UUID.nameUUIDFromBytes(("sent|" + job.id()).getBytes(StandardCharsets.UTF_8)),
                            now,
                            job.orderNumber(),
                            job.lineId(),
                            job.template(),
                            job.recipient(),
                            job.eventId(),
                            job.messageId()));
        }
    }

    /**
     * Records a failed attempt: retried after a backoff, or given up (DEAD) when it was the last try or can never
     * succeed. Dead jobs are reported on their topic's .dlq twin by {@link DeadLetters}.
     * @return true when the job is now dead
     */
    @Transactional
    public boolean markFailed(ClaimedJob claimed, String reason, boolean permanent) {
        MailJob job = em.find(MailJob.class, claimed.id());
        job.leaseUntil = null;
        job.lastError = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        if (permanent || job.attempts >= config.delivery().maxAttempts()) {
            job.status = MailJob.Status.DEAD;
            return true;
        }
        Duration wait = backoff.after(job.attempts);
        job.nextAttemptAt = clock.instant().plus(wait);
        return false;
    }

    @Transactional
    public long pending() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM mail_job WHERE status = 'PENDING'")
                        .getSingleResult())
                .longValue();
    }

    /**
     * Replaces the model (and subject) of a job that has not been tried yet; the row is locked first, so a sender
     * claiming it at the same time either waits for this or has already taken it.
     * @return false when the job does not exist or has already been tried (a new e-mail is needed then)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reviseUntried(UUID jobId, java.util.function.UnaryOperator<MailModel> revision) {
        @SuppressWarnings("unchecked")
        List<MailJob> rows = em.createNativeQuery("SELECT * FROM mail_job WHERE id = ?1 FOR UPDATE", MailJob.class)
                .setParameter(1, jobId)
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        MailJob job = rows.get(0);
        if (job.status != MailJob.Status.PENDING || job.attempts > 0 || job.leaseUntil != null) {
            return false;
        }
        MailModel revised = revision.apply(model(job.model));
        job.model = toJson(revised);
        job.subject = MailTemplate.byId(job.template).subject(revised);
        return true;
    }

    private String toJson(MailModel model) {
        try {
            return json.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("mail model cannot be written as JSON", e);
        }
    }

    MailModel model(ClaimedJob job) {
        return model(job.model());
    }

    private MailModel model(String stored) {
        try {
            return json.readValue(stored, MailModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mail model is unreadable");
        }
    }
}

package com.certtrack.tracking.webhook;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.tracking.view.SqlTimes;
import com.certtrack.tracking.view.TrackedLine;
import com.certtrack.tracking.view.ViewChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * Turns view changes into delivery rows, inside the projection's transaction (synchronous observer): a crash loses
 * none, and because each row is keyed by the change it announces ({@code source_key}), a replayed event or a
 * rebuilt view adds no second one. An endpoint gets the changes that occurred after it was registered.
 */
@ApplicationScoped
public class LineChangeWebhooks {

    private final EntityManager em;
    private final WebhookPayloads payloads;
    private final Event<WebhookDispatcher.Enqueued> enqueued;

    public LineChangeWebhooks(EntityManager em, WebhookPayloads payloads, Event<WebhookDispatcher.Enqueued> enqueued) {
        this.em = em;
        this.payloads = payloads;
        this.enqueued = enqueued;
    }

    void onViewChanged(@Observes ViewChanged changed) {
        TrackedLine line = em.find(TrackedLine.class, changed.lineId());
        if (line == null || line.status == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> seen = em.createNativeQuery(
                        "SELECT status, certificate_serial FROM webhook_line_state WHERE line_id = ?1 FOR UPDATE")
                .setParameter(1, line.lineId)
                .getResultList();
        String previousStatus = seen.isEmpty() ? null : (String) seen.get(0)[0];
        String previousSerial = seen.isEmpty() ? null : (String) seen.get(0)[1];
        boolean statusChanged = !line.status.equals(previousStatus);
        boolean newCertificate = line.certificateSerial != null && !line.certificateSerial.equals(previousSerial);
        revokedCertificates(line);
        if (!statusChanged && !newCertificate) {
            return;
        }
        em.createNativeQuery("INSERT INTO webhook_line_state (line_id, status, certificate_serial, updated_at) "
                        + "VALUES (?1, ?2, NULLIF(?3, ''), now()) ON CONFLICT (line_id) DO UPDATE SET status = excluded.status, "
                        + "certificate_serial = excluded.certificate_serial, updated_at = excluded.updated_at")
                .setParameter(1, line.lineId)
                .setParameter(2, line.status)
                .setParameter(3, line.certificateSerial == null ? "" : line.certificateSerial)
                .executeUpdate();
        if (statusChanged && line.statusAt != null) {
            enqueue(
                    line,
                    WebhookPayloads.STATUS_CHANGED,
                    line.status + "@" + line.statusAt,
                    line.statusAt,
                    payloads.statusChanged(line, previousStatus));
            if (CaOrderStatus.REVOKED.name().equals(line.status) && line.certificateSerial != null) {
                enqueue(
                        line,
                        WebhookPayloads.CERTIFICATE_REVOKED,
                        line.certificateSerial,
                        line.statusAt,
                        payloads.certificateRevoked(line));
            }
        }
        if (newCertificate && line.issuedAt != null) {
            enqueue(
                    line,
                    WebhookPayloads.CERTIFICATE_ISSUED,
                    line.certificateSerial,
                    line.issuedAt,
                    payloads.certificateIssued(line));
        }
    }

    /**
     * Every revoked certificate of the line, superseded ones included; the delivery key (one per serial, shared with
     * the REVOKED status path above) makes repeats no-ops.
     */
    private void revokedCertificates(TrackedLine line) {
        @SuppressWarnings("unchecked")
        List<Object[]> revoked = em.createNativeQuery("SELECT serial_number, sha256_fingerprint, revocation_reason, "
                        + "revoked_at FROM line_certificate WHERE line_id = ?1 AND revoked_at IS NOT NULL")
                .setParameter(1, line.lineId)
                .getResultList();
        for (Object[] row : revoked) {
            Instant revokedAt = SqlTimes.instant(row[3]);
            enqueue(
                    line,
                    WebhookPayloads.CERTIFICATE_REVOKED,
                    (String) row[0],
                    revokedAt,
                    payloads.certificateRevoked(line, (String) row[0], (String) row[1], (String) row[2], revokedAt));
        }
    }

    /** One PENDING row for every enabled endpoint of the line that existed when the change occurred. */
    private void enqueue(TrackedLine line, String type, String change, Instant occurredAt, String payload) {
        int added = em.createNativeQuery("INSERT INTO webhook_delivery (id, endpoint_id, source_key, event_type, "
                        + "line_id, payload, status, attempts, next_attempt_at, created_at) "
                        + "SELECT gen_random_uuid(), e.id, ?1, ?2, ?3, ?4, 'PENDING', 0, now(), now() FROM webhook_endpoint e "
                        + "WHERE e.disabled_at IS NULL AND e.created_at <= ?5 "
                        + "AND e.owner_line_id = ?3 "
                        + "ON CONFLICT (endpoint_id, source_key) DO NOTHING")
                .setParameter(1, type + ":" + line.lineId + ":" + change)
                .setParameter(2, type)
                .setParameter(3, line.lineId)
                .setParameter(4, payload)
                .setParameter(5, occurredAt)
                .executeUpdate();
        if (added > 0) {
            enqueued.fire(new WebhookDispatcher.Enqueued());
        }
    }
}

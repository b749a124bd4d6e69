package com.certtrack.tracking.audit;

import com.certtrack.tracking.view.SqlTimes;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail of a line: who did what to it, from where, and how it ended. Append-only (the table's triggers
 * refuse UPDATE/DELETE/TRUNCATE) and not part of the rebuildable view. Entries of a request carry the client
 * address: the first {@code X-Forwarded-For} hop when the peer is a trusted proxy (the gateway;
 * {@code quarkus.http.proxy.trusted-proxies}), else the peer's address. Entries written from an event carry its id,
 * so a redelivery or a view rebuild cannot write them twice.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DONE = "DONE";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";

    /** One entry as {@code GET /api/tracking/audit} shows it. */
    public record Entry(Instant at, String action, String clientAddress, String outcome, String detail) {}

    private static final int MAX_DETAIL = 1000;

    private final EntityManager em;
    private final CurrentVertxRequest request;
    private final AuditBatches batches;

    public AuditTrail(EntityManager em, CurrentVertxRequest request, AuditBatches batches) {
        this.em = em;
        this.request = request;
        this.batches = batches;
    }

    /**
     * Records an action of the current request: in its transaction when it has one (a command and its entry commit
     * together), else through {@link AuditBatches}, which commits it with the entries of concurrent requests before
     * this returns. {@code action}: LOOKUP, DOWNLOAD, REISSUE, REVOKE, CANCEL, DCV_*, REMINDERS_CHANGED, CHECK_*,
     * ...; {@code outcome}: ACCEPTED, DONE, REJECTED or FAILED. Never pass a secret in {@code detail}.
     */
    public void record(String lineId, String orderNumber, String action, String outcome, String detail) {
        require(lineId, action, outcome);
        if (QuarkusTransaction.isActive()) {
            insert(null, Instant.now(), lineId, orderNumber, action, outcome, clientAddress(), detail);
        } else {
            batches.write(new AuditBatches.Row(
                    lineId, orderNumber, Instant.now(), action, clientAddress(), outcome, clip(detail)));
        }
    }

    /** Records what an event says happened (the CA's answer, a reveal in eab-service); once per event id. */
    @Transactional
    public void recordEvent(
            UUID eventId,
            Instant at,
            String lineId,
            String orderNumber,
            String action,
            String outcome,
            String clientAddress,
            String detail) {
        insert(eventId, at, lineId, orderNumber, action, outcome, clientAddress, detail);
    }

    /** The entries of a line, newest first. */
    @Transactional
    public List<Entry> of(String lineId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT at, action, client_address, outcome, detail "
                        + "FROM audit_entry WHERE line_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2")
                .setParameter(1, lineId)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(row -> new Entry(
                        SqlTimes.instant(row[0]), (String) row[1], (String) row[2], (String) row[3], (String) row[4]))
                .toList();
    }

    private void insert(
            UUID eventId,
            Instant at,
            String lineId,
            String orderNumber,
            String action,
            String outcome,
            String clientAddress,
            String detail) {
        require(lineId, action, outcome);
        em.createNativeQuery("INSERT INTO audit_entry (line_id, order_number, at, action, client_address, outcome, "
                        + "detail, event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, lineId)
                .setParameter(2, orderNumber)
                .setParameter(3, at)
                .setParameter(4, action)
                .setParameter(5, clientAddress)
                .setParameter(6, outcome)
                .setParameter(7, clip(detail))
                .setParameter(8, eventId)
                .executeUpdate();
    }

    /** The resolved client address of the current HTTP request; null outside one (consumers, schedulers). */
    private String clientAddress() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        var context = request.getCurrent();
        if (context == null || context.request().remoteAddress() == null) {
            return null;
        }
        return context.request().remoteAddress().hostAddress();
    }

    private static void require(String lineId, String action, String outcome) {
        if (lineId == null || action == null || outcome == null) {
            throw new IllegalArgumentException("an audit entry needs a line, an action and an outcome");
        }
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}

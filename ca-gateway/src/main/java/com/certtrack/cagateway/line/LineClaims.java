package com.certtrack.cagateway.line;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;

/**
 * Leases due lines with {@code FOR UPDATE SKIP LOCKED}, moving their due time past the lease in the same short
 * transaction: replicas of ca-gateway share the work and never call the CA for the same line at once, and the CA
 * call runs outside any transaction. A worker that dies mid-call leaves the lease to run out; the line is then
 * claimed again and the CA, idempotent by line id, answers the same.
 */
@ApplicationScoped
public class LineClaims {

    private final EntityManager em;

    public LineClaims(EntityManager em) {
        this.em = em;
    }

    /** @return up to {@code count} pending lines whose submission is due, leased for {@code lease} */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<CaLine> leaseDueSubmissions(int count, Duration lease) {
        return lease("state = 'PENDING' AND next_attempt_at <= now()", "next_attempt_at", count, lease);
    }

    /** @return up to {@code count} lines whose poll is due, leased for {@code lease} */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<CaLine> leaseDuePolls(int count, Duration lease) {
        return lease("next_poll_at <= now()", "next_poll_at", count, lease);
    }

    /** The line, locked for recording an answer of the CA; in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CaLine lock(String lineId) {
        return em.find(CaLine.class, lineId, LockModeType.PESSIMISTIC_WRITE);
    }

    @SuppressWarnings("unchecked")
    private List<CaLine> lease(String due, String column, int count, Duration lease) {
        return em.createNativeQuery(
                        "WITH due AS (SELECT line_id FROM ca_line WHERE " + due + " ORDER BY " + column
                                + " LIMIT ?1 FOR UPDATE SKIP LOCKED) UPDATE ca_line l SET " + column
                                + " = now() + make_interval(secs => ?2) FROM due WHERE l.line_id = due.line_id RETURNING l.*",
                        CaLine.class)
                .setParameter(1, count)
                .setParameter(2, (double) lease.toSeconds())
                .getResultList();
    }
}

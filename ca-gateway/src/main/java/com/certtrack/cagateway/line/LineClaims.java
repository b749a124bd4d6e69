package com.certtrack.cagateway.line;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Consumer;

/**
 * Claims one due line at a time with {@code FOR UPDATE SKIP LOCKED}: replicas of ca-gateway share the work and
 * never submit or poll the same line at once. The work runs inside the claiming transaction.
 */
@ApplicationScoped
public class LineClaims {

    private final EntityManager em;

    public LineClaims(EntityManager em) {
        this.em = em;
    }

    /** @return false when no line was due */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean withDueSubmission(Consumer<CaLine> work) {
        return claim("SELECT * FROM ca_line WHERE state = 'PENDING' AND next_attempt_at <= now() "
                + "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", work);
    }

    /** @return false when no line was due */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean withDuePoll(Consumer<CaLine> work) {
        return claim("SELECT * FROM ca_line WHERE next_poll_at <= now() "
                + "ORDER BY next_poll_at LIMIT 1 FOR UPDATE SKIP LOCKED", work);
    }

    private boolean claim(String sql, Consumer<CaLine> work) {
        @SuppressWarnings("unchecked")
        List<CaLine> due = em.createNativeQuery(sql, CaLine.class).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        work.accept(due.get(0));
        return true;
    }
}

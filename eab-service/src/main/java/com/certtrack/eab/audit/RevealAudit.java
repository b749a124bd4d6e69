package com.certtrack.eab.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Append-only record of every reveal attempt on a known credential: when, from where, with what outcome. */
@ApplicationScoped
public class RevealAudit {

    public enum Outcome {
        REVEALED, WINDOW_CLOSED
    }

    private final EntityManager em;

    public RevealAudit(EntityManager em) {
        this.em = em;
    }

    /** In its own transaction: the attempt is recorded even when the answer is an error. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String lineId, String clientAddress, Outcome outcome) {
        em.createNativeQuery("INSERT INTO reveal_audit (line_id, client_address, attempted_at, outcome) "
                + "VALUES (?1, ?2, now(), ?3)")
                .setParameter(1, lineId)
                .setParameter(2, clientAddress)
                .setParameter(3, outcome.name())
                .executeUpdate();
    }
}

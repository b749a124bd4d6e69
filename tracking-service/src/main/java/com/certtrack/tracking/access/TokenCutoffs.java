package com.certtrack.tracking.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The moment before which the tokens of a line (e-mail links and access tokens alike) stop opening it. Moved
 * forward by reissue, revocation and "sign out everywhere"; a line without an entry accepts every valid token.
 */
@ApplicationScoped
public class TokenCutoffs {

    private final EntityManager em;

    public TokenCutoffs(EntityManager em) {
        this.em = em;
    }

    /** Withdraws every token of the line handed out before {@code now} (to the millisecond, as tokens carry it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawAll(String lineId, Instant now) {
        em.createNativeQuery("INSERT INTO token_cutoff (line_id, not_before) VALUES (?1, ?2) ON CONFLICT (line_id) "
                        + "DO UPDATE SET not_before = GREATEST(token_cutoff.not_before, EXCLUDED.not_before)")
                .setParameter(1, lineId)
                .setParameter(2, now.truncatedTo(ChronoUnit.MILLIS))
                .executeUpdate();
    }

    /** Whether a token of the line issued at {@code issuedAt} was withdrawn since (the database compares). */
    public boolean withdrawn(String lineId, Instant issuedAt) {
        return !em.createNativeQuery("SELECT 1 FROM token_cutoff WHERE line_id = ?1 AND not_before > ?2")
                .setParameter(1, lineId)
                .setParameter(2, issuedAt)
                .getResultList()
                .isEmpty();
    }
}

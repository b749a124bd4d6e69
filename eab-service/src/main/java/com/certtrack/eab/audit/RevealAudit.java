package com.certtrack.eab.audit;

import com.certtrack.contracts.CredentialRevealed;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Append-only record of every reveal attempt on a known credential: when, from where, with what outcome. Each
 * attempt is also published as {@link CredentialRevealed} on {@link Topics#AUDIT} (through the outbox, in the same
 * transaction) for the line's audit trail in tracking-service. Neither carries the key nor the CA Reference.
 */
@ApplicationScoped
public class RevealAudit {

    public enum Outcome {
        REVEALED,
        WINDOW_CLOSED
    }

    private final EntityManager em;
    private final Outbox outbox;

    public RevealAudit(EntityManager em, Outbox outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** In its own transaction: the attempt is recorded and published even when the answer is an error. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String orderNumber, String lineId, String clientAddress, Outcome outcome) {
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO reveal_audit (line_id, client_address, attempted_at, outcome) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, lineId)
                .setParameter(2, clientAddress)
                .setParameter(3, now)
                .setParameter(4, outcome.name())
                .executeUpdate();
        outbox.append(
                Topics.AUDIT,
                CredentialRevealed.of(UUID.randomUUID(), now, orderNumber, lineId, clientAddress, outcome.name()));
    }
}

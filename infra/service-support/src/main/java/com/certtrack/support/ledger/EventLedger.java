package com.certtrack.support.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The processed-event ledger of idempotent consumers (table {@code processed_event}). Recording an event in the
 * same transaction as its effect makes a redelivered event a no-op: exactly-once in effect.
 */
@ApplicationScoped
public class EventLedger {

    private final EntityManager em;

    public EventLedger(EntityManager em) {
        this.em = em;
    }

    /** @return true the first time {@code consumer} sees {@code eventId}; false for a redelivery */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        return em.createNativeQuery("INSERT INTO processed_event (event_id, consumer, processed_at) "
                                + "VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                        .setParameter(1, eventId)
                        .setParameter(2, consumer)
                        .executeUpdate()
                == 1;
    }
}

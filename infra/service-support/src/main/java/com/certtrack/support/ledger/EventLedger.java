package com.certtrack.support.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

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

    /**
     * The batch form of {@link #firstDelivery}: records all of {@code eventIds} in one statement.
     * @return those seen for the first time; the others are redeliveries
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<UUID> eventIds, String consumer) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<UUID> first = new HashSet<>();
            Array ids = connection.createArrayOf("uuid", eventIds.toArray());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_event "
                    + "(event_id, consumer, processed_at) SELECT DISTINCT id, ?, now() FROM unnest(?) AS id "
                    + "ON CONFLICT DO NOTHING RETURNING event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, ids);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        first.add(rows.getObject(1, UUID.class));
                    }
                }
            } finally {
                ids.free();
            }
            return first;
        });
    }
}

package com.certtrack.order.idempotency;

import com.certtrack.order.OrderConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Remembers which order an {@code Idempotency-Key} created, and from which request (a hash of it). Claiming a key
 * is an {@code INSERT ... ON CONFLICT DO NOTHING} on its primary key: a concurrent request with the same key waits
 * for the first one's transaction and then finds its claim, so only one order is ever created per key.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The claim another request made earlier with the same key. */
    public record Claim(String requestHash, String orderNumber) {}

    private final EntityManager em;
    private final OrderConfig config;

    public IdempotencyKeys(EntityManager em, OrderConfig config) {
        this.em = em;
        this.config = config;
    }

    /** @return empty when this request now owns the key; otherwise the earlier claim */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claim> claim(String key, String requestHash, String orderNumber) {
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (idempotency_key, request_hash, order_number, "
                        + "created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, key)
                .setParameter(2, requestHash)
                .setParameter(3, orderNumber)
                .setParameter(4, Instant.now())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT request_hash, order_number FROM idempotency_key WHERE idempotency_key = ?1")
                .setParameter(1, key)
                .getResultList();
        if (rows.isEmpty()) {
            // Purged between the two statements: rare enough to ask the client to retry.
            throw new IllegalStateException("idempotency key vanished while being claimed");
        }
        return Optional.of(new Claim((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** Forget keys older than the retention; a replay after that places a new order. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, Instant.now().minus(config.idempotencyRetention()))
                .executeUpdate();
    }
}

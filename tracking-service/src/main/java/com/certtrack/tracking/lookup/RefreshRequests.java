package com.certtrack.tracking.lookup;

import com.certtrack.contracts.RefreshRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.outbox.Outbox;
import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.view.TrackedLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone is looking at an unfinished line: ask ca-gateway to poll the CA now. At most one command per line per
 * {@code refresh-interval}, decided by one conditional UPDATE, so replicas and a crowd of viewers agree.
 */
@ApplicationScoped
public class RefreshRequests {

    private final EntityManager em;
    private final Outbox outbox;
    private final TrackingConfig config;

    public RefreshRequests(EntityManager em, Outbox outbox, TrackingConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
    }

    /** @return true if a refresh was requested now (or moments ago, by another viewer) */
    @Transactional
    public boolean requestIfDue(TrackedLine line) {
        if (line.settled() || line.status == null) {
            return false;
        }
        Instant now = Instant.now();
        int claimed = em.createNativeQuery("UPDATE tracked_line SET refresh_requested_at = ?1 WHERE line_id = ?2 "
                        + "AND (refresh_requested_at IS NULL OR refresh_requested_at <= ?3)")
                .setParameter(1, now)
                .setParameter(2, line.lineId)
                .setParameter(3, now.minus(config.refreshInterval()))
                .executeUpdate();
        if (claimed == 1) {
            outbox.append(
                    Topics.TRACKING_COMMANDS,
                    RefreshRequested.of(UUID.randomUUID(), now, line.orderNumber, line.lineId));
        }
        return true;
    }
}

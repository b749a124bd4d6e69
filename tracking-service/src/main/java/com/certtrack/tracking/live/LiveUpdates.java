package com.certtrack.tracking.live;

import com.certtrack.tracking.view.ViewChanged;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * In-process broadcast of "line X changed", fired after the projection's transaction commits, so a listener that
 * reads the line sees the new state. Per instance: each replica tells its own listeners about what its own
 * consumers applied (every replica applies every event of the partitions it owns; see README for scale-out).
 */
@ApplicationScoped
public class LiveUpdates {

    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ViewChanged changed) {
        publish(changed.lineId());
    }

    /** Serialised: the three consumers' threads may commit at once. */
    private synchronized void publish(String lineId) {
        changes.onNext(lineId);
    }

    /** Changes of one line; a slow listener skips to the newest (each item means "read the line again"). */
    public Multi<String> of(String lineId) {
        return changes.filter(lineId::equals).onOverflow().dropPreviousItems();
    }
}

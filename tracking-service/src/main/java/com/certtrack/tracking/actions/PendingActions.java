package com.certtrack.tracking.actions;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.tracking.view.LineStatus;
import com.certtrack.tracking.view.SqlTimes;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the holder asked for and the CA has not answered yet, and the CA's last refusal, for the status view.
 * Worked out from the commands and the line's facts when read, so a view rebuilt with events in another order
 * answers the same: a cancel is answered by a terminal status, a revoke when all its serials are revoked (or the
 * line is REVOKED after it), a DCV action by any later report of the CA.
 */
@ApplicationScoped
public class PendingActions {

    /** The newest unanswered command; the detail fields that apply to its kind are set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PendingAction(
            String action,
            String commandType,
            Instant requestedAt,
            String domain,
            String dcvMethod,
            List<String> serialNumbers,
            String reason) {}

    public record Rejection(String commandType, String reason, Instant at) {}

    private final EntityManager em;
    private final CommandProjection commands;

    public PendingActions(EntityManager em, CommandProjection commands) {
        this.em = em;
        this.commands = commands;
    }

    public Optional<PendingAction> pending(TrackedLine line) {
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery(
                        "SELECT command_type, action, detail, requested_at FROM line_command "
                                + "WHERE line_id = ?1 AND answered_at IS NULL AND rejected_at IS NULL AND requested_at IS NOT NULL "
                                + "ORDER BY requested_at DESC LIMIT 10")
                .setParameter(1, line.lineId)
                .getResultList();
        for (Object[] row : open) {
            String type = (String) row[0];
            CommandDetail detail = commands.read((String) row[2]);
            Instant requestedAt = SqlTimes.instant(row[3]);
            if (!answered(line, type, detail, requestedAt)) {
                return Optional.of(new PendingAction(
                        (String) row[1],
                        type,
                        requestedAt,
                        detail.domain(),
                        detail.dcvMethod(),
                        detail.serialNumbers(),
                        detail.reason()));
            }
        }
        return Optional.empty();
    }

    public Optional<Rejection> lastRejection(TrackedLine line) {
        return line.lastRejectionAt == null
                ? Optional.empty()
                : Optional.of(new Rejection(line.lastRejectionType, line.lastRejectionReason, line.lastRejectionAt));
    }

    private boolean answered(TrackedLine line, String type, CommandDetail detail, Instant requestedAt) {
        boolean terminal = terminal(line.status);
        boolean reportedSince = line.statusAt != null && line.statusAt.isAfter(requestedAt);
        return switch (type) {
            case CancelRequested.TYPE -> terminal;
            case RevokeRequested.TYPE ->
                (CaOrderStatus.REVOKED.name().equals(line.status) && reportedSince)
                        || (detail.serialNumbers() != null && commands.allRevoked(line.lineId, detail.serialNumbers()));
            case DcvActionRequested.TYPE -> reportedSince || LineStatus.settled(line.status);
            default -> true;
        };
    }

    private static boolean terminal(String status) {
        try {
            return status != null && CaOrderStatus.valueOf(status).isTerminal();
        } catch (IllegalArgumentException notCa) {
            return false;
        }
    }
}

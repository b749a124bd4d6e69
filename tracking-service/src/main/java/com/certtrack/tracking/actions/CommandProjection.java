package com.certtrack.tracking.actions;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.CertTrackEvent;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.tracking.audit.AuditTrail;
import com.certtrack.tracking.view.TrackedLine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The commands of a line and the CA's answers to them, applied by the view projector inside its transaction:
 * commands from {@code tracking-commands.v1} (also applied at once when published), refusals and results from
 * {@code ca-orders.v1}. Answers are written to the audit trail once per answering event (DONE or REJECTED).
 */
@ApplicationScoped
public class CommandProjection {

    private final EntityManager em;
    private final ObjectMapper json;
    private final AuditTrail audit;

    public CommandProjection(EntityManager em, ObjectMapper json, AuditTrail audit) {
        this.em = em;
        this.json = json;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void requested(TrackedLine line, CertTrackEvent command) {
        String action = command instanceof DcvActionRequested dcv
                ? AuditActions.of(dcv.action())
                : AuditActions.ofCommandType(command.eventType());
        em.createNativeQuery(
                        "INSERT INTO line_command (command_id, line_id, command_type, action, detail, requested_at) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (command_id) DO UPDATE SET command_type = "
                                + "EXCLUDED.command_type, action = EXCLUDED.action, detail = EXCLUDED.detail, "
                                + "requested_at = EXCLUDED.requested_at")
                .setParameter(1, command.eventId())
                .setParameter(2, line.lineId)
                .setParameter(3, command.eventType())
                .setParameter(4, action)
                .setParameter(5, write(CommandDetail.of(command)))
                .setParameter(6, command.occurredAt())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void rejected(TrackedLine line, CaCommandRejected event) {
        String action = AuditActions.ofCommandType(event.commandType());
        if (event.commandEventId() != null) {
            em.createNativeQuery("INSERT INTO line_command (command_id, line_id, command_type, rejected_at, "
                            + "rejection_reason) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (command_id) DO UPDATE SET "
                            + "rejected_at = EXCLUDED.rejected_at, rejection_reason = EXCLUDED.rejection_reason")
                    .setParameter(1, event.commandEventId())
                    .setParameter(2, line.lineId)
                    .setParameter(3, event.commandType() == null ? "unknown" : event.commandType())
                    .setParameter(4, event.occurredAt())
                    .setParameter(5, event.reason())
                    .executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> known = em.createNativeQuery(
                            "SELECT action FROM line_command WHERE command_id = ?1 AND action IS NOT NULL")
                    .setParameter(1, event.commandEventId())
                    .getResultList();
            if (!known.isEmpty()) {
                action = known.get(0);
            }
        }
        if (line.lastRejectionAt == null || !event.occurredAt().isBefore(line.lastRejectionAt)) {
            line.lastRejectionAt = event.occurredAt();
            line.lastRejectionType = event.commandType();
            line.lastRejectionReason = event.reason();
        }
        audit.recordEvent(
                event.eventId(),
                event.occurredAt(),
                line.lineId,
                line.orderNumber,
                action,
                AuditTrail.REJECTED,
                null,
                event.reason());
    }

    /** A cancellation done, or DCV actions answered by the CA's next report (new domains, methods or status). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(TrackedLine line, CaOrderStatusChanged event) {
        if (event.status() == CaOrderStatus.CANCELLED && event.previousStatus() != CaOrderStatus.CANCELLED) {
            answer(line.lineId, CancelRequested.TYPE, event);
            audit.recordEvent(
                    event.eventId(),
                    event.occurredAt(),
                    line.lineId,
                    line.orderNumber,
                    AuditActions.CANCEL,
                    AuditTrail.DONE,
                    null,
                    event.reason() == null ? "cancelled at the CA" : "cancelled at the CA: " + event.reason());
            return;
        }
        List<String> answered = answer(line.lineId, DcvActionRequested.TYPE, event);
        if (!answered.isEmpty()) {
            String domains = event.domains() == null
                    ? ""
                    : event.domains().stream().map(CommandProjection::describe).collect(Collectors.joining("; "));
            audit.recordEvent(
                    event.eventId(),
                    event.occurredAt(),
                    line.lineId,
                    line.orderNumber,
                    answered.get(0),
                    AuditTrail.DONE,
                    null,
                    ("CA now reports " + event.status() + " " + domains).trim());
        }
    }

    /** A certificate revoked; a revoke command is answered once every serial it named is revoked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoked(TrackedLine line, CertificateRevoked event, String serial) {
        audit.recordEvent(
                event.eventId(),
                event.occurredAt(),
                line.lineId,
                line.orderNumber,
                AuditActions.REVOKE,
                AuditTrail.DONE,
                null,
                "certificate " + serial + " revoked" + (event.reason() == null ? "" : " (" + event.reason() + ")"));
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery("SELECT command_id, detail FROM line_command WHERE line_id = ?1 "
                        + "AND command_type = ?2 AND answered_at IS NULL AND rejected_at IS NULL")
                .setParameter(1, line.lineId)
                .setParameter(2, RevokeRequested.TYPE)
                .getResultList();
        for (Object[] row : open) {
            List<String> serials = read((String) row[1]).serialNumbers();
            if (serials == null || serials.isEmpty() || allRevoked(line.lineId, serials)) {
                em.createNativeQuery("UPDATE line_command SET answered_at = ?1 WHERE command_id = ?2")
                        .setParameter(1, event.occurredAt())
                        .setParameter(2, row[0])
                        .executeUpdate();
            }
        }
    }

    boolean allRevoked(String lineId, List<String> serials) {
        Number revoked = (Number) em.createNativeQuery("SELECT count(*) FROM line_certificate WHERE line_id = ?1 "
                        + "AND revoked_at IS NOT NULL AND serial_number = ANY(CAST(?2 AS text[]))")
                .setParameter(1, lineId)
                .setParameter(2, "{" + String.join(",", serials) + "}")
                .getSingleResult();
        return revoked.intValue() >= serials.stream().distinct().count();
    }

    /** Marks the open commands of a type requested before the event as answered; @return their actions */
    private List<String> answer(String lineId, String commandType, CertTrackEvent event) {
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery("SELECT command_id, action FROM line_command WHERE line_id = ?1 "
                        + "AND command_type = ?2 AND answered_at IS NULL AND rejected_at IS NULL AND requested_at <= ?3 "
                        + "ORDER BY requested_at DESC")
                .setParameter(1, lineId)
                .setParameter(2, commandType)
                .setParameter(3, event.occurredAt())
                .getResultList();
        for (Object[] row : open) {
            em.createNativeQuery("UPDATE line_command SET answered_at = ?1 WHERE command_id = ?2")
                    .setParameter(1, event.occurredAt())
                    .setParameter(2, (UUID) row[0])
                    .executeUpdate();
        }
        return open.stream().map(row -> (String) row[1]).toList();
    }

    private static String describe(DomainValidation domain) {
        return domain.name() + " " + domain.dcvMethod() + " " + domain.dcvStatus();
    }

    String write(CommandDetail detail) {
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    CommandDetail read(String detail) {
        if (detail == null) {
            return new CommandDetail(null, null, null, null, null);
        }
        try {
            return json.readValue(detail, CommandDetail.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable command detail", e);
        }
    }
}

package com.certtrack.cagateway.commands;

import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.RevokeRequested;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A command from tracking-service for one line, waiting to be carried out at the CA; its id is the event's. */
@Entity
@Table(name = "ca_command")
public class CaCommand extends PanacheEntityBase {

    public enum Kind {
        REISSUE(ReissueRequested.TYPE),
        DCV_ACTION(DcvActionRequested.TYPE),
        CANCEL(CancelRequested.TYPE),
        REVOKE(RevokeRequested.TYPE);

        /** The event type that asked for it, as {@code CaCommandRejected.commandType} names it. */
        public final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }
    }

    public enum State {
        PENDING,
        DONE,
        FAILED
    }

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "line_id", nullable = false)
    public String lineId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "csr_pem")
    public String csrPem;

    public String domains;

    /** DCV_ACTION: the domain and what to do; CHANGE_METHOD also the method. */
    public String domain;

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_action")
    public DcvAction dcvAction;

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_method")
    public DcvMethod dcvMethod;

    /** CANCEL: the customer's words; REVOKE: the RevocationReason constant. */
    public String reason;

    /** REVOKE: comma-separated hex serials; null = the current certificate. */
    @Column(name = "serial_numbers")
    public String serialNumbers;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static CaCommand pending(UUID eventId, String lineId, Kind kind) {
        CaCommand command = new CaCommand();
        command.eventId = eventId;
        command.lineId = lineId;
        command.kind = kind;
        command.state = State.PENDING;
        command.createdAt = Instant.now();
        command.nextAttemptAt = command.createdAt;
        return command;
    }

    public List<String> serialList() {
        return serialNumbers == null || serialNumbers.isBlank() ? List.of() : Arrays.asList(serialNumbers.split(","));
    }
}

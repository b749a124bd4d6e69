package com.certtrack.cagateway.commands;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reissue asked for by the holder of a line's CA Reference, waiting to be carried out at the CA. */
@Entity
@Table(name = "ca_command")
public class CaCommand extends PanacheEntityBase {

    public enum Kind {
        REISSUE
    }

    public enum State {
        PENDING, DONE, FAILED
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
}

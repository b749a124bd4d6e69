package com.certtrack.ca.acme;

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

/** An ACME order (RFC 8555 §7.1.3): pending → ready → processing → valid, or invalid. */
@Entity
@Table(name = "acme_order")
public class AcmeOrder extends PanacheEntityBase {

    public enum Status {
        pending,
        ready,
        processing,
        valid,
        invalid
    }

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "status", nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    /** DNS identifiers in the order the client gave them, newline separated, canonical (lower case). */
    @Column(name = "identifiers", nullable = false)
    public String identifiers;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "certificate_id")
    public UUID certificateId;

    /** The problem document (JSON) that made the order invalid. */
    @Column(name = "error")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public List<String> identifierList() {
        return Arrays.asList(identifiers.split("\n"));
    }

    public static List<AcmeOrder> ofAccount(UUID accountId) {
        return list("accountId = ?1 order by createdAt", accountId);
    }
}

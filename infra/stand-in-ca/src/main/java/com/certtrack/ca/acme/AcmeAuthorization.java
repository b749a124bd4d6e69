package com.certtrack.ca.acme;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The authorization of one identifier of an order (RFC 8555 §7.1.4) with its challenges: http-01 (not for
 * wildcards) and dns-01 share the token; the first challenge the client answers decides the authorization.
 */
@Entity
@Table(name = "acme_authorization")
public class AcmeAuthorization extends PanacheEntityBase {

    public enum Status {
        pending,
        valid,
        invalid,
        deactivated,
        expired,
        revoked
    }

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "position", nullable = false)
    public int position;

    /** The name to validate: for {@code *.example.com} this is {@code example.com} with {@link #wildcard} set. */
    @Column(name = "identifier", nullable = false)
    public String identifier;

    @Column(name = "wildcard", nullable = false)
    public boolean wildcard;

    @Column(name = "status", nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "token", nullable = false, unique = true)
    public String token;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The challenge the client answered ({@code http-01}/{@code dns-01}); null while none was. */
    @Column(name = "challenge_type")
    public String challengeType;

    /** {@code processing}, {@code valid} or {@code invalid} for {@link #challengeType}. */
    @Column(name = "challenge_status")
    public String challengeStatus;

    /** The problem document (JSON) of a failed validation. */
    @Column(name = "challenge_error")
    public String challengeError;

    @Column(name = "validated_at")
    public Instant validatedAt;

    public String name() {
        return wildcard ? "*." + identifier : identifier;
    }

    public static List<AcmeAuthorization> ofOrder(UUID orderId) {
        return list("orderId = ?1 order by position", orderId);
    }
}

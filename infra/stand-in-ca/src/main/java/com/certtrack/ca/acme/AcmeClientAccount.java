package com.certtrack.ca.acme;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An ACME client's account (RFC 8555 §7.1.2): its public JWK, bound through External Account Binding to the CaaS
 * subscription ({@link AcmeAccount}) whose EAB key id it presented. One subscription may bind many clients.
 */
@Entity
@Table(name = "acme_client_account")
public class AcmeClientAccount extends PanacheEntityBase {

    public enum Status {
        valid,
        deactivated,
        revoked
    }

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    /** The public JWK as JSON. */
    @Column(name = "jwk", nullable = false)
    public String jwk;

    /** RFC 7638 SHA-256 thumbprint (base64url): the key's identity, unique across accounts. */
    @Column(name = "jwk_thumbprint", nullable = false, unique = true)
    public String jwkThumbprint;

    @Column(name = "status", nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    /** Contact URLs, newline separated (mailto: only). */
    @Column(name = "contact")
    public String contact;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<AcmeClientAccount> byThumbprint(String thumbprint) {
        return find("jwkThumbprint", thumbprint).firstResultOptional();
    }
}

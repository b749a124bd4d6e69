package com.certtrack.ca.acme;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** EAB credentials of one CaaS subscription; the HMAC key is sealed (purpose {@code eab-hmac:<keyId>}). */
@Entity
@Table(name = "acme_account")
public class AcmeAccount extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "client_order_id", nullable = false)
    public String clientOrderId;

    @Column(name = "term_months", nullable = false)
    public int termMonths;

    @Column(name = "eab_key_id", nullable = false, unique = true)
    public String eabKeyId;

    @Column(name = "hmac_key_sealed", nullable = false)
    public byte[] hmacKeySealed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public static Optional<AcmeAccount> byClientOrderId(String clientId, String clientOrderId) {
        return find("clientId = ?1 and clientOrderId = ?2", clientId, clientOrderId)
                .firstResultOptional();
    }

    public static Optional<AcmeAccount> byKeyId(String keyId) {
        return find("eabKeyId", keyId).firstResultOptional();
    }
}

package com.certtrack.eab.credentials;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "eab_credential")
public class EabCredential extends PanacheEntityBase {

    @Id
    @Column(name = "line_id")
    public String lineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(name = "ca_reference_hash", nullable = false, unique = true)
    public String caReferenceHash;

    @Column(name = "eab_key_id", nullable = false)
    public String eabKeyId;

    /** AES-GCM: 12-byte IV then ciphertext and tag; null once purged. */
    @Column(name = "hmac_key_ciphertext")
    public byte[] hmacKeyCiphertext;

    @Column(name = "directory_url", nullable = false)
    public String directoryUrl;

    @Column(name = "ordered_at", nullable = false)
    public Instant orderedAt;

    @Column(name = "revealable_until", nullable = false)
    public Instant revealableUntil;

    @Column(name = "purged_at")
    public Instant purgedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<EabCredential> byReferenceHash(String hash) {
        return find("caReferenceHash", hash).firstResultOptional();
    }
}

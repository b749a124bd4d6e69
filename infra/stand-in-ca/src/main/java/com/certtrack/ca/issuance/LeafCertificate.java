package com.certtrack.ca.issuance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A leaf certificate this CA signed, with its revocation state (what OCSP and the CRL report). */
@Entity
@Table(name = "leaf_certificate")
public class LeafCertificate extends PanacheEntityBase {

    @Id
    @Column(name = "id")
    public UUID id;

    /** The order-API order; null for a leaf issued through ACME. */
    @Column(name = "order_id")
    public UUID orderId;

    /** The ACME order; null for a leaf issued through the order API. */
    @Column(name = "acme_order_id")
    public UUID acmeOrderId;

    /** Lower-case hex, no leading zeros: the form OCSP and CRL lookups compare. */
    @Column(name = "serial_number", nullable = false, unique = true)
    public String serialNumber;

    @Column(name = "der", nullable = false)
    public byte[] der;

    @Column(name = "sha256_fingerprint", nullable = false)
    public String sha256Fingerprint;

    @Column(name = "public_key_sha256", nullable = false)
    public String publicKeySha256;

    @Column(name = "not_before", nullable = false)
    public Instant notBefore;

    @Column(name = "not_after", nullable = false)
    public Instant notAfter;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** RFC 5280 CRLReason code. */
    @Column(name = "revocation_reason")
    public Integer revocationReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<LeafCertificate> bySerial(String serialHex) {
        return find("serialNumber", serialHex).firstResultOptional();
    }

    public static List<LeafCertificate> revoked() {
        return list("revokedAt is not null and notAfter > ?1 order by revokedAt", Instant.now());
    }

    public static List<LeafCertificate> ofOrder(UUID orderId) {
        return list("orderId = ?1 order by createdAt, serialNumber", orderId);
    }

    /** One certificate of an order, locked for an update of its revocation state. */
    public static Optional<LeafCertificate> ofOrder(UUID orderId, String serialHex) {
        return find("orderId = ?1 and serialNumber = ?2", orderId, serialHex)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static List<LeafCertificate> unrevokedOf(UUID orderId) {
        return list("orderId = ?1 and revokedAt is null", orderId);
    }
}

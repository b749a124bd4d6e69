package com.certtrack.ca.hierarchy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A CA certificate with its private key, sealed with AES-GCM (purpose {@code ca-key:<name>}). */
@Entity
@Table(name = "ca_key")
public class CaKey extends PanacheEntityBase {

    public static final String ROOT = "root";
    public static final String INTERMEDIATE = "intermediate";

    @Id
    @Column(name = "name")
    public String name;

    @Column(name = "certificate_der", nullable = false)
    public byte[] certificateDer;

    @Column(name = "private_key_sealed", nullable = false)
    public byte[] privateKeySealed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}

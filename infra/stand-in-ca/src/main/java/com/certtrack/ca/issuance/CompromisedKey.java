package com.certtrack.ca.issuance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public key reported compromised: the CA never certifies it again (BR 6.1.1.3). */
@Entity
@Table(name = "compromised_key")
public class CompromisedKey extends PanacheEntityBase {

    @Id
    @Column(name = "public_key_sha256")
    public String publicKeySha256;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    public static void report(String publicKeySha256) {
        if (findById(publicKeySha256) == null) {
            CompromisedKey key = new CompromisedKey();
            key.publicKeySha256 = publicKeySha256;
            key.reportedAt = Instant.now();
            key.persist();
        }
    }

    public static boolean isCompromised(String publicKeySha256) {
        return findById(publicKeySha256) != null;
    }
}

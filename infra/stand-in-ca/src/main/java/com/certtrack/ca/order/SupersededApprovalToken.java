package com.certtrack.ca.order;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An EMAIL approval token replaced by a resent e-mail; its link stays valid until the domain is approved. */
@Entity
@Table(name = "superseded_approval_token")
public class SupersededApprovalToken extends PanacheEntityBase {

    @Id
    @Column(name = "token")
    public String token;

    @Column(name = "domain_id", nullable = false)
    public UUID domainId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static void keep(OrderDomain domain) {
        SupersededApprovalToken old = new SupersededApprovalToken();
        old.token = domain.token;
        old.domainId = domain.id;
        old.createdAt = domain.tokenCreatedAt;
        old.persist();
    }

    static void forget(OrderDomain domain) {
        delete("domainId", domain.id);
    }

    public static Optional<SupersededApprovalToken> byToken(String token) {
        return findByIdOptional(token);
    }
}

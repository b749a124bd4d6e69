package com.certtrack.tracking.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A receiver URL registered with a line's access token; see V20__webhooks.sql. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    public enum Scope {
        /** Events of the registering line. */
        LINE,
        /** Events of every line of the same customer ({@code TrackedLine.customerKey}). */
        ACCOUNT
    }

    @Id
    public UUID id;

    @Column(name = "owner_line_id", nullable = false)
    public String ownerLineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(nullable = false)
    public String scope;

    @Column(name = "customer_key")
    public String customerKey;

    @Column(nullable = false)
    public String url;

    /** AES-GCM ciphertext (IV first) of the {@code whsec_} secret; see {@link WebhookSecrets}. */
    @Column(name = "secret_encrypted", nullable = false)
    public byte[] secretEncrypted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    public static long countOwnedBy(String lineId) {
        return count("ownerLineId", lineId);
    }

    /** The line's own endpoints and the account-wide ones of its customer: what its token may see and manage. */
    public static List<WebhookEndpoint> visibleTo(String lineId, String customerKey) {
        return list("ownerLineId = ?1 or (scope = 'ACCOUNT' and customerKey is not null and customerKey = ?2) "
                + "order by createdAt desc", lineId, customerKey);
    }

    public boolean isVisibleTo(String lineId, String lineCustomerKey) {
        return ownerLineId.equals(lineId) || (Scope.ACCOUNT.name().equals(scope) && customerKey != null
                && customerKey.equals(lineCustomerKey));
    }
}

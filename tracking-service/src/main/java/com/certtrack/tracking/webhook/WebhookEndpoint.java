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

    /**
     * What an endpoint covers: only the line whose CA Reference registered it. There is no account scope: an order
     * e-mail nobody confirmed is not a key to other lines (see V42__webhooks_per_line_only.sql).
     */
    public enum Scope {
        LINE
    }

    @Id
    public UUID id;

    @Column(name = "owner_line_id", nullable = false)
    public String ownerLineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(nullable = false)
    public String scope;

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

    /** The line's own endpoints: all its access token may see and manage. */
    public static List<WebhookEndpoint> ownedBy(String lineId) {
        return list("ownerLineId = ?1 order by createdAt desc", lineId);
    }
}

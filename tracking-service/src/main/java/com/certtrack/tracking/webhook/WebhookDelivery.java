package com.certtrack.tracking.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One event for one endpoint, with its attempts so far: the delivery log. Its id is the {@code webhook-id}. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status {
        PENDING,
        DELIVERED,
        RETRYING,
        FAILED
    }

    @Id
    public UUID id;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(name = "source_key", nullable = false)
    public String sourceKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "line_id", nullable = false)
    public String lineId;

    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public String status;

    public int attempts;

    @Column(name = "last_http_status")
    public Integer lastHttpStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<WebhookDelivery> newestOf(UUID endpointId, int limit) {
        return find("endpointId = ?1 order by createdAt desc, id", endpointId)
                .page(0, limit)
                .list();
    }

    public static Optional<WebhookDelivery> lastOf(UUID endpointId) {
        return find("endpointId = ?1 order by createdAt desc, id", endpointId).firstResultOptional();
    }
}

package com.certtrack.notification.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event that came before its order's OrderPlaced; it is mailed once the customer is known. */
@Entity
@Table(name = "parked_event")
public class ParkedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(nullable = false)
    public String topic;

    /** The event as received (secrets still sealed), without the EAB HMAC key. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;
}

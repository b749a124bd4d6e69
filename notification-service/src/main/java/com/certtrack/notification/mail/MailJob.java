package com.certtrack.notification.mail;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One e-mail to deliver: the sent-mail ledger row, unique per (event, template, recipient). */
@Entity
@Table(name = "mail_job")
public class MailJob extends PanacheEntityBase {

    public enum Status {
        PENDING,
        SENT,
        DEAD
    }

    @Id
    public UUID id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String template;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String topic;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(name = "line_id")
    public String lineId;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false, columnDefinition = "text")
    public String model;

    /** The CA Reference as sealed on Kafka; cleared once the e-mail is sent. Never the plaintext. */
    @Column(name = "sealed_ca_reference", columnDefinition = "text")
    public String sealedCaReference;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "dead_lettered_at")
    public Instant deadLetteredAt;
}

package com.certtrack.ca.order;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One domain of an order with its domain-control validation. The token is the random value the subscriber
 * publishes (HTTP_FILE, DNS_TXT, DNS_CNAME) or, for EMAIL, the approval link's secret, which only the mailbox sees.
 */
@Entity
@Table(name = "order_domain")
public class OrderDomain extends PanacheEntityBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @Column(name = "id")
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public CaOrder order;

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "name", nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_method", nullable = false)
    public DcvMethod dcvMethod;

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_status", nullable = false)
    public DcvStatus dcvStatus;

    @Column(name = "token", nullable = false, unique = true)
    public String token;

    @Column(name = "token_created_at", nullable = false)
    public Instant tokenCreatedAt;

    @Column(name = "email_sent_at")
    public Instant emailSentAt;

    @Column(name = "next_check_at", nullable = false)
    public Instant nextCheckAt;

    @Column(name = "check_attempts", nullable = false)
    public int checkAttempts;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_check_result")
    public String lastCheckResult;

    @Column(name = "validated_at")
    public Instant validatedAt;

    /** The name DCV proves control of: a wildcard is validated on its base domain. */
    public String validationName() {
        return name.startsWith("*.") ? name.substring(2) : name;
    }

    /** A new random token: validation starts over (new instructions, and for EMAIL a new e-mail is due). */
    public void newToken() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        token = HexFormat.of().formatHex(random);
        tokenCreatedAt = Instant.now();
        dcvStatus = DcvStatus.PENDING;
        nextCheckAt = tokenCreatedAt;
        checkAttempts = 0;
        lastCheckedAt = null;
        lastCheckResult = null;
        validatedAt = null;
        emailSentAt = null;
    }

    public void validated(String result) {
        dcvStatus = DcvStatus.VALIDATED;
        validatedAt = Instant.now();
        lastCheckResult = result;
    }
}

package com.certtrack.tracking.view;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One order line as the portal shows it; see V2__tracking_view.sql. Holds the reference's keyed hash only. */
@Entity
@Table(name = "tracked_line")
public class TrackedLine extends PanacheEntityBase {

    /** Status of a provisioned CaaS subscription (not a CA order status). */
    public static final String PROVISIONED = "PROVISIONED";

    @Id
    @Column(name = "line_id")
    public String lineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Column(name = "ca_reference_hash")
    public String caReferenceHash;

    public String product;

    @Column(name = "ordered_at")
    public Instant orderedAt;

    /** Comma-separated, as ordered. */
    @Column(name = "requested_domains")
    public String requestedDomains;

    @Column(name = "requested_dcv_method")
    public String requestedDcvMethod;

    public String status;

    @Column(name = "status_at")
    public Instant statusAt;

    /** JSON array of DomainValidation, as the CA last reported it. */
    public String domains;

    public String reason;

    @Column(name = "ca_last_queried_at")
    public Instant caLastQueriedAt;

    @Column(name = "certificate_serial")
    public String certificateSerial;

    @Column(name = "certificate_sha256")
    public String certificateSha256;

    @Column(name = "certificate_pem_chain")
    public String certificatePemChain;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "eab_key_id")
    public String eabKeyId;

    @Column(name = "acme_directory_url")
    public String acmeDirectoryUrl;

    @Column(name = "eab_revealable_until")
    public Instant eabRevealableUntil;

    /** The newest reissue request (ReissueRequested naming domains). */
    @Column(name = "reissue_requested_at")
    public Instant reissueRequestedAt;

    /** Ordered without a CSR: the certificate waits for one ({@code POST /api/tracking/csr}). */
    @Column(name = "csr_awaited")
    public boolean csrAwaited;

    /** When the holder last sent the awaited CSR (the CA issues once the domains are validated). */
    @Column(name = "csr_submitted_at")
    public Instant csrSubmittedAt;

    /** Keyed hash of the customer's e-mail address ({@link CustomerKey}); null until the order is seen. */
    @Column(name = "customer_key")
    public String customerKey;

    /** The line this one renews, as ordered; honoured only for the same customer ({@link #customerKey}). */
    @Column(name = "renewal_of")
    public String renewalOf;

    /** Reminder days ({@code ReminderDays}): null = default, empty = off; newest setting by {@link #reminderDaysAt}. */
    @Column(name = "reminder_days")
    public String reminderDays;

    @Column(name = "reminder_days_at")
    public Instant reminderDaysAt;

    /** The CA's newest refusal of a command for this line (CaCommandRejected). */
    @Column(name = "last_rejection_type")
    public String lastRejectionType;

    @Column(name = "last_rejection_reason")
    public String lastRejectionReason;

    @Column(name = "last_rejection_at")
    public Instant lastRejectionAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<TrackedLine> byReferenceHash(String hash) {
        return find("caReferenceHash", hash).firstResultOptional();
    }

    /** Nothing more will happen at the CA unless someone asks (reissue): no refresh needed. */
    public boolean settled() {
        return LineStatus.settled(status);
    }

    public boolean hasCertificate() {
        return certificatePemChain != null;
    }

    /** No certificate yet and none can come: the line was ordered without a CSR and none has been sent since. */
    public boolean waitsForCsr() {
        return csrAwaited && csrSubmittedAt == null && !hasCertificate();
    }
}

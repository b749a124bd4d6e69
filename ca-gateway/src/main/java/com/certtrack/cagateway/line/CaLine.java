package com.certtrack.cagateway.line;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One order line at the CA: its submission state, the CA's order id and status, and its polling schedule. */
@Entity
@Table(name = "ca_line")
public class CaLine extends PanacheEntityBase {

    public enum State {
        /** Waiting to be submitted (or provisioned, for CaaS). */
        PENDING,
        /** At the CA; followed by polling. */
        SUBMITTED,
        /** CaaS binding provisioned; nothing to poll. */
        PROVISIONED,
        /** The CA refused the submission. */
        REJECTED
    }

    @Id
    @Column(name = "line_id")
    public String lineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Product product;

    /** Comma-separated: domain names never contain commas. */
    public String domains;

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_method")
    public DcvMethod dcvMethod;

    @Column(name = "csr_pem")
    public String csrPem;

    @Column(name = "term_months")
    public Integer termMonths;

    public String organisation;

    @Column(name = "ordered_at", nullable = false)
    public Instant orderedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "ca_order_id")
    public String caOrderId;

    @Column(name = "ca_reference_hash")
    public String caReferenceHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "ca_status")
    public CaOrderStatus caStatus;

    /** What was last published about this line, to publish only changes. */
    public String snapshot;

    @Column(name = "next_poll_at")
    public Instant nextPollAt;

    @Column(name = "poll_interval_ms")
    public Long pollIntervalMs;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    /** A refresh asked for the next poll: announce it even if nothing changed. */
    @Column(name = "check_requested")
    public boolean checkRequested;

    public List<String> domainList() {
        return domains == null || domains.isBlank() ? List.of() : Arrays.asList(domains.split(","));
    }

    public boolean isCaas() {
        return product == Product.CAAS;
    }
}

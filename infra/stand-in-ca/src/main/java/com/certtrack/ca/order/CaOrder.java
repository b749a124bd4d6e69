package com.certtrack.ca.order;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Product;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One certificate order of one API client. The CA Reference is kept sealed to answer idempotent replays. */
@Entity
@Table(name = "ca_order")
public class CaOrder extends PanacheEntityBase {

    public enum OrganisationValidation {
        NOT_REQUIRED,
        PENDING,
        APPROVED,
        REJECTED
    }

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "client_order_id", nullable = false)
    public String clientOrderId;

    @Column(name = "request_sha256", nullable = false)
    public String requestSha256;

    @Column(name = "sealed_ca_reference", nullable = false)
    public byte[] sealedCaReference;

    @Enumerated(EnumType.STRING)
    @Column(name = "product", nullable = false)
    public Product product;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public CaOrderStatus status;

    @Column(name = "validity_days", nullable = false)
    public int validityDays;

    @Column(name = "organisation_name")
    public String organisationName;

    @Column(name = "organisation_country")
    public String organisationCountry;

    @Enumerated(EnumType.STRING)
    @Column(name = "organisation_validation", nullable = false)
    public OrganisationValidation organisationValidation;

    /** The CSR waiting to be signed; cleared once its certificate is issued. */
    @Column(name = "csr_pem")
    public String csrPem;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "current_certificate_id")
    public UUID currentCertificateId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<OrderDomain> domains = new ArrayList<>();

    public static Optional<CaOrder> byClientOrderId(String clientId, String clientOrderId) {
        return find("clientId = ?1 and clientOrderId = ?2", clientId, clientOrderId)
                .firstResultOptional();
    }

    public boolean allDomainsValidated() {
        return domains.stream().allMatch(d -> d.dcvStatus == DcvStatus.VALIDATED);
    }

    public List<String> domainNames() {
        return domains.stream().map(d -> d.name).toList();
    }

    public void moveTo(CaOrderStatus next) {
        status = next;
        updatedAt = Instant.now();
    }
}

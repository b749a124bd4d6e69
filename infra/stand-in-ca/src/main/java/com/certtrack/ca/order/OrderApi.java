package com.certtrack.ca.order;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Product;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of the order API (see API.md). */
public final class OrderApi {

    private OrderApi() {}

    /** A domain as {@code {"name", "dcvMethod"}}; in a reissue a bare name keeps the domain's current method. */
    public record DomainRequest(@NotBlank @Size(max = 253) String name, DcvMethod dcvMethod) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public DomainRequest(@JsonProperty("name") String name, @JsonProperty("dcvMethod") DcvMethod dcvMethod) {
            this.name = name;
            this.dcvMethod = dcvMethod;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static DomainRequest named(String name) {
            return new DomainRequest(name, null);
        }
    }

    public record OrganisationRequest(
            @NotBlank @Size(max = 64) String name,

            @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code")
            String country) {}

    public record CreateOrderRequest(
            @NotBlank @Size(max = 128) String clientOrderId,
            @NotNull Product product,
            @NotEmpty @Size(max = 100) List<@NotNull @Valid DomainRequest> domains,
            String csr,
            Integer validityDays,
            @Valid OrganisationRequest organisation) {}

    public record ReissueRequest(
            String csr, @Size(min = 1, max = 100) List<@NotNull @Valid DomainRequest> domains) {}

    public record RevokeRequest(@NotBlank String reason) {}

    public record OrganisationValidationRequest(
            @NotNull Boolean approved, @Size(max = 500) String reason) {}

    public record ChangeDcvMethodRequest(DcvMethod dcvMethod) {}

    /**
     * {@code dcvTarget}/{@code dcvValue}: what the CA checks. HTTP_FILE: the URL it fetches and the file content;
     * DNS_TXT: the record name and value; DNS_CNAME: the record name and the CNAME target; EMAIL: null, null.
     */
    public record DomainView(
            String name,
            DcvMethod dcvMethod,
            DcvStatus dcvStatus,
            String instructions,
            String dcvTarget,
            String dcvValue) {}

    public record OrderCreated(
            UUID orderId,
            String caReference,
            CaOrderStatus status,
            Product product,
            List<DomainView> domains,
            Instant createdAt) {}

    public record CertificateView(
            String serialNumber, String sha256Fingerprint, Instant notBefore, Instant notAfter, String pemChain) {}

    /** One certificate the order has had, current or superseded; {@code revocationReason} as in a revoke call. */
    public record CertificateSummary(
            String serialNumber,
            String sha256Fingerprint,
            Instant notBefore,
            Instant notAfter,
            boolean current,
            Instant revokedAt,
            String revocationReason) {}

    public record OrderView(
            UUID orderId,
            CaOrderStatus status,
            Product product,
            List<DomainView> domains,
            CertificateView certificate,
            List<CertificateSummary> certificates,
            String rejectionReason,
            Instant updatedAt) {}
}

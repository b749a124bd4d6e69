package com.certtrack.ca.order;

import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
import com.certtrack.ca.revocation.RevocationReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Maps orders to the API's response shapes. */
@ApplicationScoped
public class OrderViews {

    private final DcvInstructions instructions;
    private final IssuanceService issuance;

    public OrderViews(DcvInstructions instructions, IssuanceService issuance) {
        this.instructions = instructions;
        this.issuance = issuance;
    }

    public List<OrderApi.DomainView> domains(CaOrder order) {
        return order.domains.stream()
                .map(d -> new OrderApi.DomainView(
                        d.name,
                        d.dcvMethod,
                        d.dcvStatus,
                        instructions.forDomain(order, d),
                        instructions.target(d),
                        instructions.value(d)))
                .toList();
    }

    public OrderApi.OrderView view(CaOrder order) {
        OrderApi.CertificateView certificate = null;
        if (order.currentCertificateId != null) {
            LeafCertificate leaf = LeafCertificate.findById(order.currentCertificateId);
            certificate = new OrderApi.CertificateView(
                    leaf.serialNumber, leaf.sha256Fingerprint, leaf.notBefore, leaf.notAfter, issuance.pem(leaf, true));
        }
        return new OrderApi.OrderView(
                order.id,
                order.status,
                order.product,
                domains(order),
                certificate,
                certificates(order),
                order.rejectionReason,
                order.updatedAt);
    }

    /** Every certificate of the order, oldest first, with its revocation state. */
    private static List<OrderApi.CertificateSummary> certificates(CaOrder order) {
        return LeafCertificate.ofOrder(order.id).stream()
                .map(c -> new OrderApi.CertificateSummary(
                        c.serialNumber,
                        c.sha256Fingerprint,
                        c.notBefore,
                        c.notAfter,
                        c.id.equals(order.currentCertificateId),
                        c.revokedAt,
                        c.revocationReason == null
                                ? null
                                : RevocationReason.fromCode(c.revocationReason)
                                        .map(r -> r.apiName)
                                        .orElse(null)))
                .toList();
    }
}

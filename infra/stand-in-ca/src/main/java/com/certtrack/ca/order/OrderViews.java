package com.certtrack.ca.order;

import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
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
                .map(d -> new OrderApi.DomainView(d.name, d.dcvMethod, d.dcvStatus, instructions.forDomain(order, d)))
                .toList();
    }

    public OrderApi.OrderView view(CaOrder order) {
        OrderApi.CertificateView certificate = null;
        if (order.currentCertificateId != null) {
            LeafCertificate leaf = LeafCertificate.findById(order.currentCertificateId);
            certificate = new OrderApi.CertificateView(leaf.serialNumber, leaf.sha256Fingerprint, leaf.notBefore,
                    leaf.notAfter, issuance.pem(leaf, true));
        }
        return new OrderApi.OrderView(order.id, order.status, order.product, domains(order), certificate,
                order.rejectionReason, order.updatedAt);
    }
}

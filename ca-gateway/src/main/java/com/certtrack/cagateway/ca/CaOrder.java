package com.certtrack.cagateway.ca;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import java.util.List;
import java.util.Optional;

/**
 * The CA's view of one order. {@code caReference} is only present in answers to a submission; {@code certificates}
 * lists every certificate the order has had, {@code certificate} is the current one.
 */
public record CaOrder(
        String caOrderId,
        String caReference,
        CaOrderStatus status,
        List<DomainValidation> domains,
        IssuedCertificate certificate,
        List<CaCertificate> certificates,
        String rejectionReason) {

    public Optional<CaCertificate> certificate(String serialNumber) {
        return certificates.stream()
                .filter(c -> c.serialNumber().equals(serialNumber))
                .findFirst();
    }

    @Override
    public String toString() {
        // Never print the reference.
        return "CaOrder[" + caOrderId + ", " + status + "]";
    }
}

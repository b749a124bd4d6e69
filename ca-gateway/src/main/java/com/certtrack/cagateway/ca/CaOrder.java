package com.certtrack.cagateway.ca;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.IssuedCertificate;
import java.util.List;

/** The CA's view of one order. {@code caReference} is only present in answers to a submission. */
public record CaOrder(String caOrderId, String caReference, CaOrderStatus status, List<DomainValidation> domains,
        IssuedCertificate certificate, String rejectionReason) {

    @Override
    public String toString() {
        // Never print the reference.
        return "CaOrder[" + caOrderId + ", " + status + "]";
    }
}

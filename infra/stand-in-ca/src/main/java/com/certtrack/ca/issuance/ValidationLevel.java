package com.certtrack.ca.issuance;

import com.certtrack.contracts.Product;

/** DV, OV or EV, with the CA/Browser Forum reserved policy identifier each certificate carries. */
public enum ValidationLevel {
    DV("2.23.140.1.2.1"),
    OV("2.23.140.1.2.2"),
    EV("2.23.140.1.1");

    public final String policyOid;

    ValidationLevel(String policyOid) {
        this.policyOid = policyOid;
    }

    public static ValidationLevel of(Product product) {
        return valueOf(product.name().substring(0, 2));
    }

    public boolean requiresOrganisation() {
        return this != DV;
    }
}

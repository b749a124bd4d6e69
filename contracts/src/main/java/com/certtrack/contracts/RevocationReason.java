package com.certtrack.contracts;

/**
 * The RFC 5280 revocation reasons a subscriber may choose under the CA/Browser Forum Baseline Requirements
 * (section 4.9.1.1 and 7.2.2); {@code code} is the CRLReason value. {@code UNSPECIFIED} means no reason code.
 */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5);

    public final int code;

    RevocationReason(int code) {
        this.code = code;
    }
}

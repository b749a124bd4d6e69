package com.certtrack.contracts;

/** Status of one certificate line at the CA. */
public enum CaOrderStatus {
    SUBMITTED,
    PENDING_VALIDATION,
    ISSUED,
    REISSUE_PENDING,
    REJECTED,
    CANCELLED,
    REVOKED,
    EXPIRED;

    public boolean isTerminal() {
        return this == REJECTED || this == CANCELLED || this == REVOKED || this == EXPIRED;
    }
}

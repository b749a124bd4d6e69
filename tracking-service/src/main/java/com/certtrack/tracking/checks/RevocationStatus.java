package com.certtrack.tracking.checks;

public enum RevocationStatus {
    GOOD,
    REVOKED,
    UNKNOWN
}

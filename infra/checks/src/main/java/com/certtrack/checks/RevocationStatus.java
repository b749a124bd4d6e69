package com.certtrack.checks;

public enum RevocationStatus {
    GOOD,
    REVOKED,
    UNKNOWN
}

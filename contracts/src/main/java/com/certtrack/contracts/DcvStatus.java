package com.certtrack.contracts;

public enum DcvStatus {
    PENDING,
    VALIDATED,
    FAILED
}

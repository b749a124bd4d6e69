package com.certtrack.tracking.checks;

public enum Severity {
    ERROR,
    WARNING,
    OK
}

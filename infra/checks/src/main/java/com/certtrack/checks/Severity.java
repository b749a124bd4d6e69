package com.certtrack.checks;

public enum Severity {
    ERROR,
    WARNING,
    OK
}

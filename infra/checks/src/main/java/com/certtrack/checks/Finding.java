package com.certtrack.checks;

/** One result of a check: what is wrong (or right) in plain words, and what to do about it. */
public record Finding(String code, Severity severity, String message, String fix) {

    public static Finding error(String code, String message, String fix) {
        return new Finding(code, Severity.ERROR, message, fix);
    }

    public static Finding warning(String code, String message, String fix) {
        return new Finding(code, Severity.WARNING, message, fix);
    }

    public static Finding ok(String code, String message) {
        return new Finding(code, Severity.OK, message, null);
    }
}

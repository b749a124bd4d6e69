package com.certtrack.cagateway.ca;

/** The CA refused the request (4xx): retrying will not help. {@link #reason()} is the CA's reason in its words. */
public class CaRejectedException extends RuntimeException {

    private final String reason;

    public CaRejectedException(String reason) {
        this(0, reason);
    }

    public CaRejectedException(int status, String reason) {
        super(status == 0 ? reason : "CA answered " + status + ": " + reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}

package com.certtrack.ca.issuance;

/** A CSR the CA will not sign; the message tells the subscriber what is wrong, in one sentence. */
public class CsrRejectedException extends Exception {

    public CsrRejectedException(String message) {
        super(message, null, false, false);
    }
}

package com.certtrack.cagateway.ca;

/** The CA could not be reached or failed (5xx, timeout): try again later, nothing is lost. */
public class CaUnavailableException extends RuntimeException {

    public CaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.certtrack.cagateway.ca;

/** The CA refused the request (4xx): the line is rejected with the CA's reason. */
public class CaRejectedException extends RuntimeException {

    public CaRejectedException(String reason) {
        super(reason, null, false, false);
    }
}

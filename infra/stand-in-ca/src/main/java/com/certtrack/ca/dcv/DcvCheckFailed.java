package com.certtrack.ca.dcv;

/** Why one DCV check did not pass, worded for the subscriber (it is shown in the domain's instructions). */
public class DcvCheckFailed extends Exception {

    public DcvCheckFailed(String message) {
        super(message, null, false, false);
    }
}

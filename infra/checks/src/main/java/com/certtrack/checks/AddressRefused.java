package com.certtrack.checks;

/** The host to check resolves to an address the policy refuses: nothing was sent, the request is at fault. */
public class AddressRefused extends RuntimeException {

    public AddressRefused(String message) {
        super(message, null, false, false);
    }
}

package com.certtrack.cagateway.ca;

/** ACME External Account Binding credentials of a CaaS subscription. */
public record EabBinding(String keyId, String hmacKey, String directoryUrl) {

    @Override
    public String toString() {
        return "EabBinding[" + keyId + "]";
    }
}

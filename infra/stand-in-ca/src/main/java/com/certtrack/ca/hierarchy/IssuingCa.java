package com.certtrack.ca.hierarchy;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The CA hierarchy in memory: root and the issuing intermediate, with their keys. */
public record IssuingCa(
        X509Certificate root, PrivateKey rootKey, X509Certificate intermediate, PrivateKey intermediateKey) {

    @Override
    public String toString() {
        // Keys never reach a log through this record.
        return "IssuingCa[" + intermediate.getSubjectX500Principal().getName() + "]";
    }
}

package com.certtrack.systemtests;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** PEM text in and out for the system tests: certificate chains as downloaded, certificates as pasted. */
final class Pems {

    private Pems() {}

    @SuppressWarnings("unchecked")
    static List<X509Certificate> certificates(String pem) {
        try {
            return new ArrayList<>((Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PEM certificate chain", e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The self-signed certificate of a PEM bundle (the stand-in CA's root among its intermediates). */
    static X509Certificate selfSigned(String pem) {
        return certificates(pem).stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no root certificate in the bundle"));
    }
}

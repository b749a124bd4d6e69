package com.certtrack.tracking.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** A certificate chain as the CA delivers it: PEM, leaf first, then the intermediates. */
public record CertificateChain(List<X509Certificate> certificates) {

    private static final Base64.Encoder PEM_BASE64 =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    public CertificateChain {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the chain");
        }
        certificates = List.copyOf(certificates);
    }

    /** @throws IllegalArgumentException when the text holds no certificate or an unreadable one */
    public static CertificateChain parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate in the chain");
        }
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : parsed) {
                certificates.add((X509Certificate) certificate);
            }
            return new CertificateChain(certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate chain: " + e.getMessage());
        }
    }

    public X509Certificate leaf() {
        return certificates.get(0);
    }

    public List<X509Certificate> intermediates() {
        return certificates.subList(1, certificates.size());
    }

    public static String pem(X509Certificate certificate) {
        return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(der(certificate))
                + "\n-----END CERTIFICATE-----\n";
    }

    public static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(certificate -> out.append(pem(certificate)));
        return out.toString();
    }

    public String pem() {
        return pem(certificates);
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(certificate)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

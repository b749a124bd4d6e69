package com.certtrack.cagateway.ca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** A PEM certificate bundle as a CA serves it, read with the JDK's X.509 parser. */
public final class PemBundle {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemBundle() {}

    /**
     * The certificates of {@code bundle} that are not self-signed, in order, each re-encoded as PEM.
     *
     * @throws CaUnavailableException when the bundle does not parse (a CA answering garbage is a CA fault)
     */
    public static List<String> withoutRoots(String bundle) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(X509Certificate.class::cast)
                    .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                    .map(PemBundle::pem)
                    .toList();
        } catch (CertificateException | RuntimeException e) {
            throw new CaUnavailableException("the CA's intermediates do not parse: " + e.getMessage(), e);
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + BASE64.encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}

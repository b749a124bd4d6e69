package com.certtrack.tracking.checks;

import com.certtrack.support.problem.ProblemException;
import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/** Certificates pasted by a customer: PEM blocks, leaf first. Anything else is a 400 naming the field. */
public final class PemCertificates {

    private PemCertificates() {}

    public static List<X509Certificate> parse(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw ProblemException.invalid(field, "Paste a certificate in PEM form (-----BEGIN CERTIFICATE-----).");
        }
        if (pem.length() > 200_000) {
            throw ProblemException.invalid(field, "That is too long for a certificate chain.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem.replace("\\n", "\n")))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    // Never echo it: a pasted private key must not end up anywhere.
                    throw ProblemException.invalid(
                            field,
                            "Only certificates are accepted here; the text holds another "
                                    + "kind of PEM block (a private key or a CSR?). Do not paste private keys anywhere.");
                }
                certificates.add(converter.getCertificate(holder));
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.invalid(
                    field,
                    "The certificate could not be read: it is not valid PEM (check that "
                            + "the BEGIN/END lines and the base64 text were copied completely).");
        }
        if (certificates.isEmpty()) {
            throw ProblemException.invalid(
                    field,
                    "No certificate found: paste a PEM certificate "
                            + "(-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----).");
        }
        return certificates;
    }
}

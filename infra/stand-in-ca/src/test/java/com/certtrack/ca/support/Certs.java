package com.certtrack.ca.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Certificate parsing, path validation to the CA's root, OCSP requests and CRL downloads, as relying parties do. */
public final class Certs {

    private Certs() {}

    public static List<X509Certificate> parse(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    /** The root from the public intermediates bundle (intermediate first, then root). */
    public static X509Certificate root() throws Exception {
        List<X509Certificate> bundle = parse(given().get("/api/v1/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        return bundle.get(1);
    }

    public static PKIXCertPathValidatorResult validate(List<X509Certificate> chain, X509Certificate root)
            throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        return (PKIXCertPathValidatorResult)
                CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    public static OCSPReq ocspRequest(X509Certificate leaf, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer),
                leaf.getSerialNumber());
        return new OCSPReqBuilder().addRequest(id).build();
    }

    /** POSTs the request, checks the response's signature with the issuer's key, returns the single response. */
    public static BasicOCSPResp ocsp(X509Certificate leaf, X509Certificate issuer) throws Exception {
        byte[] body = given().contentType("application/ocsp-request")
                .body(ocspRequest(leaf, issuer).getEncoded())
                .post("/ocsp")
                .then()
                .statusCode(200)
                .contentType("application/ocsp-response")
                .extract()
                .asByteArray();
        return verified(new OCSPResp(body), issuer);
    }

    public static BasicOCSPResp verified(OCSPResp response, X509Certificate issuer) throws Exception {
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new AssertionError("OCSP status " + response.getStatus());
        }
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
            throw new AssertionError("OCSP response signature does not verify with the intermediate");
        }
        return basic;
    }

    public static X509CRL crl() throws Exception {
        byte[] der = given().get("/crl/intermediate.crl")
                .then()
                .statusCode(200)
                .contentType("application/pkix-crl")
                .extract()
                .asByteArray();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}

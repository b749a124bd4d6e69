package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class ReissueRevokeTest {

    @Test
    void orderWithoutCsrWaitsThenReissuesWithNewKeysAndRevocationShowsInOcspAndCrl() throws Exception {
        String first = Api.domain("reissue");
        JsonPath created = Api.create(Api.order("DV_MULTI", null, first, "DNS_TXT"));
        String orderId = created.getString("orderId");
        publishTxt(first, created.getString("domains[0].instructions"));

        JsonPath validated = api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("PENDING_VALIDATION", validated.getString("status"));
        assertEquals("VALIDATED", validated.getString("domains[0].dcvStatus"));
        assertTrue(validated.getString("domains[0].instructions").contains("Submit a CSR"));
        assertNull(validated.get("certificate"));
        api().get("/api/v1/orders/" + orderId + "/certificate").then().statusCode(404);

        // The CSR arrives by reissue: the order issues at once (its domain is validated).
        KeyPair keyA = Csrs.p256();
        JsonPath issuedA = api().body(Map.of("csr", Csrs.csr(keyA, first)))
                .post("/api/v1/orders/" + orderId + "/reissue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", issuedA.getString("status"));
        X509Certificate certA =
                Certs.parse(issuedA.getString("certificate.pemChain")).get(0);
        assertArrayEquals(keyA.getPublic().getEncoded(), certA.getPublicKey().getEncoded());

        // Reissue with a new key and an added domain: the new domain validates first.
        String second = Api.domain("reissue-added");
        KeyPair keyB = Csrs.rsa(2048);
        // A bare name keeps its method; a new domain names its own.
        JsonPath pending = api().body(Map.of(
                        "csr",
                        Csrs.csr(keyB, first, second),
                        "domains",
                        List.of(first, Map.of("name", second, "dcvMethod", "DNS_TXT"))))
                .post("/api/v1/orders/" + orderId + "/reissue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("REISSUE_PENDING", pending.getString("status"));
        assertEquals(List.of("VALIDATED", "PENDING"), pending.getList("domains.dcvStatus"));
        assertEquals(
                certA.getSerialNumber().toString(16),
                pending.getString("certificate.serialNumber"),
                "the current certificate stays until the new one is issued");
        publishTxt(second, pending.getString("domains[1].instructions"));
        JsonPath issuedB = api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", issuedB.getString("status"));
        List<X509Certificate> chainB = Certs.parse(issuedB.getString("certificate.pemChain"));
        X509Certificate certB = chainB.get(0);
        X509Certificate intermediate = chainB.get(1);
        assertArrayEquals(keyB.getPublic().getEncoded(), certB.getPublicKey().getEncoded());
        assertNotEquals(certA.getSerialNumber(), certB.getSerialNumber());
        assertEquals(
                List.of(first, second),
                certB.getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList());
        Certs.validate(chainB, Certs.root());

        // Revocation: OCSP (POST and GET) and the CRL say so at once.
        api().body(Map.of("reason", "stolen"))
                .post("/api/v1/orders/" + orderId + "/revoke")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("reason"));
        api().body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/orders/" + orderId + "/revoke")
                .then()
                .statusCode(200)
                .body("status", is("REVOKED"));
        BasicOCSPResp ocspB = Certs.ocsp(certB, intermediate);
        RevokedStatus revokedB = (RevokedStatus) ocspB.getResponses()[0].getCertStatus();
        assertEquals(CRLReason.keyCompromise, revokedB.getRevocationReason());

        String encoded = URLEncoder.encode(
                Base64.getEncoder()
                        .encodeToString(Certs.ocspRequest(certA, intermediate).getEncoded()),
                StandardCharsets.US_ASCII);
        byte[] viaGet = given().urlEncodingEnabled(false)
                .get("/ocsp/" + encoded)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertTrue(
                Certs.verified(new OCSPResp(viaGet), intermediate)
                                .getResponses()[0]
                                .getCertStatus()
                        instanceof RevokedStatus);

        X509CRL crl = Certs.crl();
        crl.verify(intermediate.getPublicKey());
        X509CRLEntry entryB = crl.getRevokedCertificate(certB.getSerialNumber());
        assertNotNull(entryB, "the CRL lists the revoked serial");
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, entryB.getRevocationReason());
        assertNotNull(crl.getRevokedCertificate(certA.getSerialNumber()));

        // A compromised key is never certified again; a revoked order is final.
        String third = Api.domain("reuse");
        api().body(Api.order("DV_SINGLE", Csrs.csr(keyB, third), third, "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("csr"))
                .body("errors[0].message", containsString("compromised"));
        api().body(Map.of("csr", Csrs.csr(Csrs.p256(), first)))
                .post("/api/v1/orders/" + orderId + "/reissue")
                .then()
                .statusCode(409);
    }

    @Test
    void cancelOnlyBeforeIssuanceAndOcspDoesNotVouchForUnknownSerials() throws Exception {
        String domain = Api.domain("cancel");
        String orderId =
                Api.create(Api.order("DV_SINGLE", null, domain, "HTTP_FILE")).getString("orderId");
        api().post("/api/v1/orders/" + orderId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", is("CANCELLED"));
        api().post("/api/v1/orders/" + orderId + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        api().body(Map.of("reason", "superseded"))
                .post("/api/v1/orders/" + orderId + "/revoke")
                .then()
                .statusCode(409);

        X509Certificate intermediate =
                Certs.parse(given().get("/api/v1/intermediates").asString()).get(0);
        X509Certificate someone = Certs.parse(
                        Api.awaitStatus(issueQuickly(), "ISSUED", java.time.Duration.ofSeconds(10))
                                .getString("certificate.pemChain"))
                .get(0);
        var unknown = new org.bouncycastle.cert.ocsp.CertificateID(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1),
                new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(intermediate),
                someone.getSerialNumber().add(java.math.BigInteger.ONE));
        byte[] body = given().contentType("application/ocsp-request")
                .body(new org.bouncycastle.cert.ocsp.OCSPReqBuilder()
                        .addRequest(unknown)
                        .build()
                        .getEncoded())
                .post("/ocsp")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertTrue(
                Certs.verified(new OCSPResp(body), intermediate)
                                .getResponses()[0]
                                .getCertStatus()
                        instanceof UnknownStatus);
        given().contentType("application/ocsp-request")
                .body(new byte[] {1, 2, 3})
                .post("/ocsp")
                .then()
                .statusCode(400)
                .contentType("application/ocsp-response");
    }

    private static String issueQuickly() throws Exception {
        String domain = Api.domain("quick");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        publishTxt(domain, created.getString("domains[0].instructions"));
        return created.getString("orderId");
    }

    private static void publishTxt(String domain, String instructions) throws Exception {
        DcvServers.dns().txt("_dnsauth." + domain, instructions.substring(instructions.lastIndexOf(' ') + 1));
    }
}

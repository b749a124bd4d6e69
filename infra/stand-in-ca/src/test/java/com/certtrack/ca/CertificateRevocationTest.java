package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class CertificateRevocationTest {

    @Test
    void revokingASupersededCertificateKeepsTheOrderIssuedAndRevokingTheCurrentOneEndsIt() throws Exception {
        String domain = Api.domain("revoke-one");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        String orderId = created.getString("orderId");
        DcvServers.dns().txt(created.getString("domains[0].dcvTarget"), created.getString("domains[0].dcvValue"));
        JsonPath first = api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", first.getString("status"));
        List<X509Certificate> chainA = Certs.parse(first.getString("certificate.pemChain"));
        X509Certificate certA = chainA.get(0);
        X509Certificate intermediate = chainA.get(1);

        JsonPath reissued = api().body(Map.of("csr", Csrs.csr(Csrs.p256(), domain)))
                .post("/api/v1/orders/" + orderId + "/reissue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", reissued.getString("status"));
        X509Certificate certB =
                Certs.parse(reissued.getString("certificate.pemChain")).get(0);
        String serialA = certA.getSerialNumber().toString(16);
        String serialB = certB.getSerialNumber().toString(16);
        assertEquals(List.of(serialA, serialB), reissued.getList("certificates.serialNumber"));
        assertEquals(List.of(false, true), reissued.getList("certificates.current"));

        // The superseded certificate: revoked, the order stays ISSUED with its current certificate.
        api().body(Map.of("reason", "stolen"))
                .post("/api/v1/orders/" + orderId + "/certificates/" + serialA + "/revoke")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("reason"));
        JsonPath afterA = api().body(Map.of("reason", "superseded"))
                .post("/api/v1/orders/" + orderId + "/certificates/" + serialA + "/revoke")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", afterA.getString("status"));
        assertEquals(serialB, afterA.getString("certificate.serialNumber"));
        assertNotNull(afterA.getString("certificates[0].revokedAt"));
        assertEquals("superseded", afterA.getString("certificates[0].revocationReason"));
        assertNull(afterA.get("certificates[1].revokedAt"));

        RevokedStatus revokedA = (RevokedStatus)
                Certs.ocsp(certA, intermediate).getResponses()[0].getCertStatus();
        assertEquals(CRLReason.superseded, revokedA.getRevocationReason());
        assertEquals(
                CertificateStatus.GOOD,
                Certs.ocsp(certB, intermediate).getResponses()[0].getCertStatus());
        X509CRL crl = Certs.crl();
        crl.verify(intermediate.getPublicKey());
        assertEquals(
                java.security.cert.CRLReason.SUPERSEDED,
                crl.getRevokedCertificate(certA.getSerialNumber()).getRevocationReason());
        assertNull(crl.getRevokedCertificate(certB.getSerialNumber()));

        api().body(Map.of("reason", "superseded"))
                .post("/api/v1/orders/" + orderId + "/certificates/" + serialA + "/revoke")
                .then()
                .statusCode(409)
                .body("detail", containsString("already revoked"));
        api().body(Map.of("reason", "superseded"))
                .post("/api/v1/orders/" + orderId + "/certificates/abc123/revoke")
                .then()
                .statusCode(404);
        api().body(Map.of("reason", "superseded"))
                .post("/api/v1/orders/" + orderId + "/certificates/not-hex/revoke")
                .then()
                .statusCode(404);
        api().post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(409);

        // The current certificate, named in upper case with leading zeros: the order ends.
        api().body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/orders/" + orderId + "/certificates/00" + serialB.toUpperCase() + "/revoke")
                .then()
                .statusCode(200)
                .body("status", is("REVOKED"))
                .body("certificates[1].revocationReason", is("keyCompromise"));
        RevokedStatus revokedB = (RevokedStatus)
                Certs.ocsp(certB, intermediate).getResponses()[0].getCertStatus();
        assertEquals(CRLReason.keyCompromise, revokedB.getRevocationReason());
        assertEquals(
                java.security.cert.CRLReason.KEY_COMPROMISE,
                Certs.crl().getRevokedCertificate(certB.getSerialNumber()).getRevocationReason());
        assertTrue(Api.get(orderId).getList("certificates.revokedAt").stream().allMatch(at -> at != null));
    }
}

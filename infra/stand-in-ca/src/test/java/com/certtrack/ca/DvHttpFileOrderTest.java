package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class DvHttpFileOrderTest {

    @Test
    void httpFileValidationAgainstALoopbackWebServerIssuesAChainThatValidatesToTheRoot() throws Exception {
        String domain = Api.domain("dv-http");
        KeyPair keys = Csrs.p256();
        Map<String, Object> body = Api.order("DV_SINGLE", Csrs.csr(keys, domain), domain, "HTTP_FILE");
        JsonPath created = Api.create(body);
        String orderId = created.getString("orderId");
        String token = created.getString("domains[0].instructions")
                .replaceAll(".*content: ", "")
                .trim();
        assertEquals("PENDING_VALIDATION", created.getString("status"));
        assertEquals("PENDING", created.getString("domains[0].dcvStatus"));
        assertTrue(
                created.getString("caReference").matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]"),
                created.getString("caReference"));
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("certtrack.ca.dcv.http-port", Integer.class);
        assertTrue(
                created.getString("domains[0].instructions")
                        .startsWith("Serve the file http://" + domain + ":" + port + "/.well-known/pki-validation/"),
                created.getString("domains[0].instructions"));
        String path = "/.well-known/pki-validation/" + token + ".txt";
        assertTrue(created.getString("domains[0].instructions").contains(path));

        // The subscriber publishes the file and the DNS name; the scheduled job finds it.
        DcvServers.dns().a(domain, "127.0.0.1");
        DcvServers.web().publish(domain, path, token + "\n");
        JsonPath issued = Api.awaitStatus(orderId, "ISSUED", Duration.ofSeconds(20));
        assertEquals("VALIDATED", issued.getString("domains[0].dcvStatus"));
        assertTrue(DcvServers.web().requests().contains(domain + path), "the CA fetched with Host: " + domain);

        List<X509Certificate> chain = Certs.parse(issued.getString("certificate.pemChain"));
        assertEquals(2, chain.size(), "pemChain is leaf then intermediate");
        X509Certificate leaf = chain.get(0);
        Certs.validate(chain, Certs.root());
        assertArrayEquals(keys.getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        assertEquals(leaf.getSerialNumber().toString(16), issued.getString("certificate.serialNumber"));
        assertEquals(
                List.of(List.of(2, domain)),
                leaf.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getKeyUsage()[0], "digitalSignature");
        long days = Duration.between(
                        leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())
                .toDays();
        assertTrue(days <= 200, "validity " + days + " days");
        String aia = new String(
                leaf.getExtensionValue(Extension.authorityInfoAccess.getId()),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(aia.contains("http://localhost:8090/ocsp") && aia.contains("/certs/intermediate.cer"), aia);
        assertTrue(new String(
                        leaf.getExtensionValue(Extension.cRLDistributionPoints.getId()),
                        java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("/crl/intermediate.crl"));
        assertTrue(leaf.getExtensionValue(Extension.authorityKeyIdentifier.getId()) != null
                && leaf.getExtensionValue(Extension.subjectKeyIdentifier.getId()) != null);

        // Download endpoints agree with the order view; caIssuers serves the same intermediate.
        String pem = api().get("/api/v1/orders/" + orderId + "/certificate?format=pem")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(leaf, Certs.parse(pem).get(0));
        assertEquals(1, Certs.parse(pem).size());
        assertEquals(
                chain,
                Certs.parse(api().get("/api/v1/orders/" + orderId + "/certificate?format=chain")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()));
        byte[] caIssuers = given().get("/certs/intermediate.cer")
                .then()
                .statusCode(200)
                .contentType("application/pkix-cert")
                .extract()
                .asByteArray();
        assertArrayEquals(chain.get(1).getEncoded(), caIssuers);
        assertEquals(
                CertificateStatus.GOOD,
                Certs.ocsp(leaf, chain.get(1)).getResponses()[0].getCertStatus());
    }

    @Test
    void sameClientOrderIdReturnsTheSameOrderAndReferenceAndADifferentBodyIsAConflict() {
        String domain = Api.domain("idem");
        Map<String, Object> body = Api.order("DV_SINGLE", null, domain, "DNS_TXT");
        JsonPath first = Api.create(body);
        JsonPath replay = api().body(body)
                .post("/api/v1/orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(first.getString("orderId"), replay.getString("orderId"));
        assertEquals(first.getString("caReference"), replay.getString("caReference"));

        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put("validityDays", 90);
        api().body(changed)
                .post("/api/v1/orders")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("clientOrderId"));
        // Another client may use the same clientOrderId for its own order.
        given().header("X-Api-Key", Api.OTHER_KEY)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .body("orderId", org.hamcrest.Matchers.not(equalTo(first.getString("orderId"))));
    }

    @Test
    void apiKeysAreRequiredAndOrdersAreVisibleOnlyToTheirClient() {
        JsonPath created = Api.create(Api.order("DV_SINGLE", null, Api.domain("auth"), "DNS_TXT"));
        given().get("/api/v1/orders/" + created.getString("orderId"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("title", is("Unauthorized"));
        given().header("X-Api-Key", "wrong")
                .get("/api/v1/orders/" + created.getString("orderId"))
                .then()
                .statusCode(401);
        given().header("X-Api-Key", Api.OTHER_KEY)
                .get("/api/v1/orders/" + created.getString("orderId"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        api().get("/api/v1/orders/not-a-uuid").then().statusCode(404);
        api().get("/api/v1/orders/" + created.getString("orderId"))
                .then()
                .statusCode(200)
                .body("certificate", nullValue())
                .body("rejectionReason", nullValue())
                .body("updatedAt", matchesPattern("\\d{4}-.*"));
    }

    @Test
    void badOrdersGetProblemsNamingTheField() {
        api().body("{\"clientOrderId\":")
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        Map<String, Object> tooLong = Api.order("DV_SINGLE", null, Api.domain("long"), "DNS_TXT");
        tooLong.put("validityDays", 201);
        api().body(tooLong).post("/api/v1/orders").then().statusCode(400).body("errors[0].field", is("validityDays"));
        api().body(Api.order("DV_SINGLE", null, "*." + Api.domain("wild"), "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("domains[0].name"));
        api().body(Api.order("DV_WILDCARD", null, "*." + Api.domain("wild"), "HTTP_FILE"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("domains[0].dcvMethod"));
        api().body(Api.order("DV_SINGLE", null, "localhost", "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("domains[0].name"));
        api().body(Api.order("OV_SINGLE", null, Api.domain("ov"), "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("organisation"));
        api().body(Api.order("NOT_A_PRODUCT", null, Api.domain("x"), "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .body("errors[0].field", is("product"));
        api().body(Api.order("DV_SINGLE", null))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("domains"));
    }
}

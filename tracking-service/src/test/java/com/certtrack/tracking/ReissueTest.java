package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.sealing.Pem;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Reissue with a new CSR: bad CSRs are refused with the reason, a good one goes to ca-gateway. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class ReissueTest {

    @Test
    void badCsrsAreRefusedWithTheReasonAndAGoodOneLeadsToTheNewCertificate() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_MULTI, 2);
        TestCsr original = TestCsr.forDomains(line.domains().toArray(String[]::new));
        Instant orderedAt = Instant.now().minusSeconds(600);
        TrackingTestData.orderPlaced(line, orderedAt);
        TrackingTestData.submitted(line, orderedAt.plusSeconds(5));
        TrackingTestData.statusChanged(
                line,
                orderedAt.plusSeconds(60),
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                pki.issue(original.keyPair().getPublic(), line.domains()));
        TrackingTestData.awaitStatus(line.lineId(), "ISSUED");
        String token = lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");

        refused(token, "not a csr", "PEM");
        refused(token, TestCsr.forDomains("shop.elsewhere.example").pem(), "shop.elsewhere.example");
        refused(token, original.pem(), "same key");
        refused(token, rsaCsr(1024, line.domains().get(0)), "2048");
        refused(token, tampered(TestCsr.forDomains(line.domains().get(0)).pem()), "signature");
        given().contentType(ContentType.JSON)
                .body(Map.of("csr", original.pem()))
                .post("/api/tracking/reissue")
                .then()
                .statusCode(401);

        TestCsr renewed = TestCsr.forDomains(line.domains().toArray(String[]::new));
        String before = token;
        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            // The reissue withdraws every earlier token of the line; the answer carries the caller's new one.
            token = given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("csr", renewed.pem()))
                    .post("/api/tracking/reissue")
                    .then()
                    .statusCode(202)
                    .body("lineId", equalTo(line.lineId()))
                    .body("names", equalTo(line.domains()))
                    .extract()
                    .path("accessToken");
            var record = commands.await(
                            r -> line.orderNumber().equals(r.key()) && r.value().contains(ReissueRequested.TYPE),
                            1,
                            Duration.ofSeconds(20))
                    .get(0);
            ReissueRequested reissue = TrackingTestData.JSON.readValue(record.value(), ReissueRequested.class);
            assertEquals(line.lineId(), reissue.lineId());
            assertEquals(ReissueRequested.SCHEMA_VERSION, reissue.schemaVersion());
            assertFalse(record.value().contains(line.caReferenceHash()), "the command does not carry the key's hash");
            assertEquals(line.domains(), reissue.domains());
            assertEquals(renewed.pem().trim(), reissue.csrPem().trim());
        }
        given().auth()
                .oauth2(before)
                .get("/api/tracking/certificate?format=pem")
                .then()
                .statusCode(401);

        // ca-gateway reports the reissue, then the new certificate.
        TrackingTestData.statusChanged(
                line, Instant.now().minusSeconds(1), CaOrderStatus.REISSUE_PENDING, CaOrderStatus.ISSUED, null);
        TrackingTestData.awaitStatus(line.lineId(), "REISSUE_PENDING");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("csr", renewed.pem()))
                .post("/api/tracking/reissue")
                .then()
                .statusCode(409)
                .body("detail", containsString("already in progress"));
        TrackingTestData.statusChanged(
                line,
                Instant.now(),
                CaOrderStatus.ISSUED,
                CaOrderStatus.REISSUE_PENDING,
                pki.issue(renewed.keyPair().getPublic(), line.domains()));
        TrackingTestData.awaitStatus(line.lineId(), "ISSUED");

        byte[] der = given().auth()
                .oauth2(token)
                .get("/api/tracking/certificate?format=der")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        X509Certificate reissued = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        assertArrayEquals(
                renewed.keyPair().getPublic().getEncoded(),
                reissued.getPublicKey().getEncoded(),
                "the download carries the new key");
        lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("status", equalTo("ISSUED"))
                .body(
                        "certificate.serialNumber",
                        equalTo(reissued.getSerialNumber().toString(16)));
    }

    @Test
    void aLineThatIsNotIssuedCannotBeReissued() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now());
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        String token = lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("csr", TestCsr.forDomains(line.domains().get(0)).pem()))
                .post("/api/tracking/reissue")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    private static void refused(String token, String csr, String reason) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("csr", csr))
                .post("/api/tracking/reissue")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("csr"))
                .body("errors[0].message", containsString(reason));
    }

    private static String rsaCsr(int bits, String domain) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair key = generator.generateKeyPair();
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + domain), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate()));
        return Pem.write(csr);
    }

    /** Flips one byte inside the signed part: the CSR still parses, its signature no longer matches. */
    private static String tampered(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(body);
        // Change one letter of the subject's name ("shop" -> "shoq"): same structure, different signed bytes.
        String latin = new String(der, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = latin.indexOf("shop") + 3;
        assertTrue(at > 3, "the CSR names shop.*");
        der[at] = 'q';
        String encoded = java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        assertTrue(encoded.length() > 0);
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + encoded + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}

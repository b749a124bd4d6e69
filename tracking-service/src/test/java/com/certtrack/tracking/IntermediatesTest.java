package com.certtrack.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaIntermediatesPublished;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.tracking.pki.CertificateChain;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** /api/intermediates is never an empty 200: 503 problem with Retry-After until the CA's intermediates arrive. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class IntermediatesTest {

    @Test
    void unknownIntermediatesAre503ThenTheCasOwnArePublishedBeforeAnyIssuance() throws Exception {
        forgetIntermediates(); // as on a fresh stack: other tests of this JVM may have issued certificates
        given().get("/api/intermediates")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("https://certtrack.example/problems/intermediates-unknown"))
                .body("status", equalTo(503));

        TestPki pki = TestPki.create();
        TrackingTestData.publish(
                Topics.CA_ORDERS,
                CaIntermediatesPublished.of(
                        UUID.randomUUID(), Instant.now(), "stand-in", List.of(CertificateChain.pem(pki.intermediate))));

        Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/intermediates").then().statusCode(200));
        String body = given().get("/api/intermediates")
                .then()
                .statusCode(200)
                .contentType(containsString("application/pem-certificate-chain"))
                .extract()
                .asString();
        assertEquals(
                List.of(pki.intermediate),
                TestPki.parse(body).stream()
                        .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                        .toList(),
                "the published intermediate (and the configured root, if any)");
    }

    private static void forgetIntermediates() throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.createStatement().executeUpdate("DELETE FROM tracking.intermediate_certificate");
        }
    }
}

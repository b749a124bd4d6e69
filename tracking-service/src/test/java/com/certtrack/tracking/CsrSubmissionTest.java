package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderStatusChanged;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A line ordered without a CSR names that next step, takes the CSR once, and never says "nothing to do". */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class CsrSubmissionTest {

    @Test
    void aLineOrderedWithoutACsrAsksForItAndTakesIt() throws Exception {
        var line = TrackingTestData.newLine(Product.DV_MULTI, 2);
        Instant orderedAt = Instant.now().minusSeconds(60);
        TrackingTestData.orderPlaced(line, orderedAt);
        TrackingTestData.submitted(line, orderedAt.plusSeconds(1));
        validated(line, orderedAt.plusSeconds(2));
        // Orders and CA events come on different topics: wait for both to be in the view.
        TrackingTestData.awaitColumn(line.lineId(), "domains LIKE '%VALIDATED%'", "true");
        TrackingTestData.awaitColumn(line.lineId(), "csr_awaited", "true");

        String client = TrackingTestData.newClient();
        String token = lookup(client, "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_VALIDATION"))
                .body("nextStep.action", equalTo("SUBMIT_CSR"))
                .body("nextStep.title", equalTo("Submit your CSR"))
                .body("nextStep.endpoint", equalTo("/api/tracking/csr"))
                .body("nextStep.instructions", containsString("ordered without a CSR"))
                .body("nextStep.command", containsString("openssl req -new"))
                .body(
                        "nextStep.command",
                        containsString("subjectAltName=DNS:" + line.domains().get(0) + ",DNS:"
                                + line.domains().get(1)))
                .body("domains.instructions", everyItem(not(containsString("Nothing to do"))))
                .body("domains[0].instructions", containsString("once you submit its CSR"))
                .extract()
                .path("accessToken");

        // The reissue form is not the way in: it points at the CSR form.
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "csr",
                        TestCsr.forDomains(line.domains().toArray(String[]::new))
                                .pem()))
                .post("/api/tracking/reissue")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("/api/tracking/csr"));

        given().contentType(ContentType.JSON)
                .body(Map.of("csr", "x"))
                .post("/api/tracking/csr")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        badCsr(token, "not a csr", "PEM");
        badCsr(token, TestCsr.forDomains("shop.elsewhere.example").pem(), "shop.elsewhere.example");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"csr\": 42}")
                .post("/api/tracking/csr")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("csr"));

        TestCsr csr = TestCsr.forDomains(line.domains().toArray(String[]::new));
        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("csr", csr.pem()))
                    .post("/api/tracking/csr")
                    .then()
                    .statusCode(202)
                    .body("lineId", equalTo(line.lineId()))
                    .body("names", equalTo(line.domains()))
                    .body("submittedAt", notNullValue());
            var record = commands.await(
                            r -> line.orderNumber().equals(r.key()) && r.value().contains(ReissueRequested.TYPE),
                            1,
                            Duration.ofSeconds(20))
                    .get(0);
            ReissueRequested command = TrackingTestData.JSON.readValue(record.value(), ReissueRequested.class);
            assertEquals(line.lineId(), command.lineId());
            assertEquals(null, command.domains(), "the order keeps its domains and their validations");
            assertEquals(csr.pem().trim(), command.csrPem().trim());
        }
        TrackingTestData.awaitColumn(line.lineId(), "csr_submitted_at IS NOT NULL", "true");
        lookup(client, "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("nextStep", nullValue())
                .body("csrSubmittedAt", notNullValue())
                .body("domains[0].instructions", containsString("Nothing to do"));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/audit")
                .then()
                .statusCode(200)
                .body("entries.action", org.hamcrest.Matchers.hasItem("CSR_SUBMITTED"));
    }

    @Test
    void aLineOrderedWithACsrOrAlreadyIssuedTakesNone() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TestCsr csr = TestCsr.forDomains(line.domains().get(0));
        Instant orderedAt = Instant.now().minusSeconds(60);
        TrackingTestData.orderPlaced(line, orderedAt, csr.pem());
        TrackingTestData.submitted(line, orderedAt.plusSeconds(1));
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        TrackingTestData.awaitColumn(line.lineId(), "ordered_at IS NOT NULL", "true");
        String token = lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("nextStep.action", equalTo("COMPLETE_DCV"))
                .extract()
                .path("accessToken");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("csr", csr.pem()))
                .post("/api/tracking/csr")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://certtrack.example/problems/csr-not-awaited"))
                .body("detail", containsString("ordered with a CSR"));
    }

    private static void validated(TrackingTestData.Line line, Instant at) {
        TrackingTestData.publish(
                Topics.CA_ORDERS,
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        at,
                        line.orderNumber(),
                        line.lineId(),
                        "CA-" + line.lineId(),
                        line.caReferenceHash(),
                        CaOrderStatus.PENDING_VALIDATION,
                        CaOrderStatus.PENDING_VALIDATION,
                        TrackingTestData.domains(line, DcvStatus.VALIDATED),
                        null,
                        null));
    }

    private static void badCsr(String token, String csr, String reason) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("csr", csr))
                .post("/api/tracking/csr")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("csr"))
                .body("errors[0].message", containsString(reason));
    }
}

package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.Product;
import com.certtrack.support.links.LinkToken;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CA Reference is the only key that acts on a certificate: a link from an e-mail shows the status and nothing
 * else, and reissue, revocation and "sign out everywhere" withdraw every token handed out before.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class TokenPurposeTest {

    private static final LinkToken SIGNER =
            LinkToken.fromBase64Key(TestInfrastructure.keys().get("certtrack.keys.link-signing"));

    @Test
    void aLinkFromAnEmailShowsTheStatusAndIsRefusedForEveryAction() throws Exception {
        var line = issuedLine();
        String link = link(line, Instant.now().plus(Duration.ofHours(72)));

        given().contentType(ContentType.JSON)
                .body(Map.of("token", link))
                .post("/api/tracking/link")
                .then()
                .statusCode(200)
                .body("status", equalTo("ISSUED"))
                .body("accessTokenPurpose", equalTo("LINK"));

        String csr = TestCsr.forDomains(line.domains().toArray(String[]::new)).pem();
        referenceRequired(post(link, "/api/tracking/reissue", Map.of("csr", csr)));
        referenceRequired(post(link, "/api/tracking/csr", Map.of("csr", csr)));
        referenceRequired(post(link, "/api/tracking/revoke", Map.of("reason", "KEY_COMPROMISE")));
        referenceRequired(post(link, "/api/tracking/revoke-superseded", Map.of()));
        referenceRequired(post(link, "/api/tracking/cancel", Map.of("reason", "no longer needed")));
        referenceRequired(post(
                link,
                "/api/tracking/dcv",
                Map.of("domain", line.domains().get(0), "action", "CHANGE_METHOD", "dcvMethod", "DNS_TXT")));
        referenceRequired(post(link, "/api/tracking/webhooks", Map.of("url", "https://hooks.example.com/certtrack")));
        referenceRequired(post(link, "/api/tracking/sign-out", Map.of()));
        referenceRequired(given().auth().oauth2(link).get("/api/tracking/certificate?format=pem"));

        // Nothing happened: an access token from the reference still finds the line untouched.
        String access = accessToken(line);
        given().auth()
                .oauth2(access)
                .get("/api/tracking/certificate?format=pem")
                .then()
                .statusCode(200);
        lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .body("status", equalTo("ISSUED"));
    }

    @Test
    void anExpiredLinkIs401() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now().minusSeconds(20));
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        String expired = SIGNER.sign(
                LinkToken.Purpose.LINK,
                line.lineId(),
                line.orderNumber(),
                Instant.now().minus(Duration.ofHours(73)),
                Instant.now().minusSeconds(1));
        given().contentType(ContentType.JSON)
                .body(Map.of("token", expired))
                .post("/api/tracking/link")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("CA Reference"));
    }

    @Test
    void aReissueWithdrawsEveryEarlierTokenAndHandsTheCallerANewOne() throws Exception {
        var line = issuedLine();
        String access = accessToken(line);
        String other = accessToken(line);
        String link = link(line, Instant.now().plus(Duration.ofHours(72)));
        Thread.sleep(5); // the cut-off is to the millisecond

        String renewed = post(
                        access,
                        "/api/tracking/reissue",
                        Map.of(
                                "csr",
                                TestCsr.forDomains(line.domains().toArray(String[]::new))
                                        .pem()))
                .then()
                .statusCode(202)
                .extract()
                .path("accessToken");
        assertNotEquals(access, renewed);

        withdrawn(given().auth().oauth2(access).get("/api/tracking/certificate?format=pem"));
        withdrawn(given().auth().oauth2(other).get("/api/tracking/certificate?format=pem"));
        withdrawn(given().contentType(ContentType.JSON)
                .body(Map.of("token", link))
                .post("/api/tracking/link"));
        given().auth()
                .oauth2(renewed)
                .get("/api/tracking/certificate?format=pem")
                .then()
                .statusCode(200);
    }

    @Test
    void signingOutEverywhereWithdrawsEveryTokenOfTheLine() throws Exception {
        var line = issuedLine();
        String access = accessToken(line);
        String link = link(line, Instant.now().plus(Duration.ofHours(72)));
        Thread.sleep(5);

        post(access, "/api/tracking/sign-out", Map.of()).then().statusCode(204);

        withdrawn(given().auth().oauth2(access).get("/api/tracking/certificate?format=pem"));
        withdrawn(given().contentType(ContentType.JSON)
                .body(Map.of("token", link))
                .post("/api/tracking/link"));
        withdrawn(given().auth().oauth2(access).accept("text/event-stream").get("/api/tracking/events"));
        // The CA Reference still opens the line: a new lookup hands out a token that works.
        given().auth()
                .oauth2(accessToken(line))
                .get("/api/tracking/certificate?format=pem")
                .then()
                .statusCode(200);
    }

    private static TrackingTestData.Line issuedLine() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TestCsr csr = TestCsr.forDomains(line.domains().toArray(String[]::new));
        Instant orderedAt = Instant.now().minusSeconds(600);
        TrackingTestData.orderPlaced(line, orderedAt);
        TrackingTestData.submitted(line, orderedAt.plusSeconds(5));
        TrackingTestData.statusChanged(
                line,
                orderedAt.plusSeconds(60),
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                pki.issue(csr.keyPair().getPublic(), line.domains()));
        TrackingTestData.awaitStatus(line.lineId(), "ISSUED");
        return line;
    }

    private static String accessToken(TrackingTestData.Line line) {
        return lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("accessTokenPurpose", equalTo("ACCESS"))
                .extract()
                .path("accessToken");
    }

    private static String link(TrackingTestData.Line line, Instant expiresAt) {
        return SIGNER.sign(LinkToken.Purpose.LINK, line.lineId(), line.orderNumber(), Instant.now(), expiresAt);
    }

    private static Response post(String token, String path, Map<String, ?> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path);
    }

    private static void referenceRequired(Response response) {
        response.then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("reference-required"))
                .body("detail", containsString("CA Reference"));
    }

    private static void withdrawn(Response response) {
        response.then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", containsString("CA Reference"));
    }
}

package com.certtrack.tracking;

import static com.certtrack.tracking.LifecycleTestData.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CredentialRevealed;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Who did what to a line and from where: requests, the CA's answers and EAB reveals; append-only. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class AuditTrailTest {

    @Test
    void lookupDownloadRevokeRejectionAndRevealAreOnTheLinesTrailNewestFirst() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        String pem =
                LifecycleTestData.issued(pki, line, Instant.now().minusSeconds(600), LifecycleTestData.CUSTOMER, null);
        String serial = LifecycleTestData.serial(pem);

        // Through the gateway: the first X-Forwarded-For hop is the client (the test JVM is a trusted proxy).
        String token = given().header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .contentType(ContentType.JSON)
                .body(Map.of("caReference", line.reference()))
                .post("/api/tracking/lookup")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        given().get("/api/tracking/audit").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .header("X-Forwarded-For", "203.0.113.8")
                .get("/api/tracking/certificate?format=chain")
                .then()
                .statusCode(200);
        UUID revokeId;
        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            // A revocation withdraws the line's earlier tokens and hands the caller a new one.
            token = as(token)
                    .header("X-Forwarded-For", "203.0.113.9")
                    .body(Map.of("reason", "KEY_COMPROMISE"))
                    .post("/api/tracking/revoke")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("accessToken");
            revokeId = TrackingTestData.JSON
                    .readValue(
                            LifecycleTestData.command(commands, line, RevokeRequested.TYPE, 1)
                                    .value(),
                            RevokeRequested.class)
                    .eventId();
        }
        TrackingTestData.publish(
                Topics.CA_ORDERS,
                CaCommandRejected.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber(),
                        line.lineId(),
                        revokeId,
                        RevokeRequested.TYPE,
                        "The CA is in maintenance."));
        awaitEntries(token, 4);
        TrackingTestData.publish(
                Topics.AUDIT,
                CredentialRevealed.of(
                        UUID.randomUUID(),
                        Instant.now(),
                        line.orderNumber(),
                        line.lineId(),
                        "198.51.100.4",
                        "REVEALED"));
        JsonPath trail = awaitEntries(token, 5);

        assertEquals(List.of("EAB_REVEAL", "REVOKE", "REVOKE", "DOWNLOAD", "LOOKUP"), trail.getList("entries.action"));
        assertEquals(List.of("DONE", "REJECTED", "ACCEPTED", "DONE", "DONE"), trail.getList("entries.outcome"));
        assertEquals("198.51.100.4", trail.getString("entries[0].clientAddress"));
        assertNull(trail.get("entries[1].clientAddress"), "written from the CA's answer, not a request");
        assertEquals("The CA is in maintenance.", trail.getString("entries[1].detail"));
        assertEquals("203.0.113.9", trail.getString("entries[2].clientAddress"));
        assertTrue(trail.getString("entries[2].detail").contains(serial), trail.getString("entries[2].detail"));
        assertEquals("203.0.113.8", trail.getString("entries[3].clientAddress"));
        assertEquals("203.0.113.7", trail.getString("entries[4].clientAddress"));
        List<String> times = trail.getList("entries.at");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(!Instant.parse(times.get(i)).isAfter(Instant.parse(times.get(i - 1))), "newest first: " + times);
        }
        var status = LifecycleTestData.status(line);
        assertEquals("The CA is in maintenance.", status.getString("lastRejection.reason"));
        assertEquals(RevokeRequested.TYPE, status.getString("lastRejection.commandType"));
        assertNull(status.get("pendingAction"));
    }

    @Test
    void theTrailIsAppendOnly() throws Exception {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now());
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        LifecycleTestData.token(line);
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            String where = " WHERE line_id = '" + line.lineId() + "'";
            SQLException update = assertThrows(
                    SQLException.class,
                    () -> c.createStatement()
                            .executeUpdate("UPDATE tracking.audit_entry SET client_address = '192.0.2.1'" + where));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(
                    SQLException.class,
                    () -> c.createStatement().executeUpdate("DELETE FROM tracking.audit_entry" + where));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("TRUNCATE tracking.audit_entry"));
        }
        assertEquals(
                "1",
                LifecycleTestData.sql("SELECT count(*) FROM tracking.audit_entry WHERE line_id = '" + line.lineId()
                        + "' AND action = 'LOOKUP' AND client_address <> '192.0.2.1'"));
    }

    /** Lookups share commits of their entries (group commit), yet each answers only once its entry is stored. */
    @Test
    void eachOfManyConcurrentLookupsIsOnTheTrailWhenItAnswers() throws Exception {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now());
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = IntStream.range(0, 64)
                    .mapToObj(i -> clients.submit(() -> given().contentType(ContentType.JSON)
                            .body(Map.of("caReference", line.reference()))
                            .post("/api/tracking/lookup")
                            .statusCode()))
                    .toList();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            clients.shutdown();
        }
        assertEquals(
                "64",
                LifecycleTestData.sql("SELECT count(*) FROM tracking.audit_entry WHERE line_id = '" + line.lineId()
                        + "' AND action = 'LOOKUP'"));
    }

    private static JsonPath awaitEntries(String token, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> LifecycleTestData.audit(token).getList("entries").size() >= count);
        return LifecycleTestData.audit(token);
    }
}

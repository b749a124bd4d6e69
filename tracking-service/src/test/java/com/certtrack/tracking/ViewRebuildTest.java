package com.certtrack.tracking;

import static com.certtrack.tracking.TrackingTestData.lookup;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CaOrderSubmitted;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.ReissueRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.support.reference.CaReference;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.testsupport.TopicWriter;
import com.certtrack.tracking.view.ViewRebuild;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The view is a function of the topics: rebuilt from offset 0 it answers the same; it never holds a reference. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class ViewRebuildTest {

    @Inject
    ViewRebuild rebuild;

    @Test
    void rebuildingFromOffsetZeroGivesTheSameAnswersAndNoReferenceIsStoredOrLogged() throws Exception {
        TestPki pki = TestPki.create();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

        var issued = TrackingTestData.newLine(Product.DV_MULTI, 3);
        TrackingTestData.orderPlaced(issued, t);
        TrackingTestData.statusChanged(
                issued,
                t.plusSeconds(60),
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                pki.issue(TestCsr.forDomains(issued.domains().get(0)).keyPair().getPublic(), issued.domains()));
        // A status older than what the view holds is ignored (e.g. replayed out of order).
        TrackingTestData.statusChanged(issued, t.plusSeconds(30), CaOrderStatus.PENDING_VALIDATION, null, null);

        var pending = TrackingTestData.newLine(Product.OV_SINGLE, 1);
        // Delivered twice (at-least-once): the same event, applied once.
        String submitted = TrackingTestData.JSON.writeValueAsString(CaOrderSubmitted.of(
                UUID.randomUUID(),
                t.plusSeconds(10),
                pending.orderNumber(),
                pending.lineId(),
                pending.product(),
                "CA-1",
                pending.caReferenceHash(),
                "c2VhbGVk",
                CaOrderStatus.PENDING_VALIDATION,
                TrackingTestData.domains(pending, DcvStatus.PENDING)));
        TopicWriter.send(Topics.CA_ORDERS, pending.orderNumber(), submitted);
        TopicWriter.send(Topics.CA_ORDERS, pending.orderNumber(), submitted);
        TrackingTestData.orderPlaced(pending, t);
        TrackingTestData.checked(pending, t.plusSeconds(120), CaOrderStatus.PENDING_VALIDATION);

        var caas = TrackingTestData.newLine(Product.CAAS, 0);
        TrackingTestData.caasProvisioned(
                caas, Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60));

        TrackingTestData.awaitStatus(issued.lineId(), "ISSUED");
        TrackingTestData.awaitColumn(
                pending.lineId(), "ca_last_queried_at = '" + t.plusSeconds(120) + "'::timestamptz", "true");
        TrackingTestData.awaitColumn(
                pending.lineId(), "requested_domains", pending.domains().get(0));
        TrackingTestData.awaitStatus(caas.lineId(), "PROVISIONED");
        TrackingTestData.awaitColumn(issued.lineId(), "status_at = '" + t.plusSeconds(60) + "'::timestamptz", "true");

        List<TrackingTestData.Line> lines = List.of(issued, pending, caas);
        Map<String, Map<String, Object>> before = answers(lines);
        assertEquals("ISSUED", before.get(issued.lineId()).get("status"));
        assertEquals(t.plusSeconds(120).toString(), before.get(pending.lineId()).get("caLastQueriedAt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> caasAnswer =
                (Map<String, Object>) before.get(caas.lineId()).get("caas");
        assertEquals("kid-" + caas.lineId(), caasAnswer.get("eabKeyId"));
        assertEquals(true, caasAnswer.get("revealable"));
        assertEquals("/api/caas/credentials", caasAnswer.get("revealEndpoint"));
        Set<String> intermediatesBefore = intermediates();
        assertTrue(intermediatesBefore.contains(
                TestPki.parse(com.certtrack.tracking.pki.CertificateChain.pem(pki.intermediate))
                        .get(0)
                        .toString()));

        long read = rebuild.rebuild();
        assertTrue(read >= 7, "read the topics from offset 0: " + read);
        assertEquals(before, answers(lines), "the same answers after the rebuild");
        // The intermediates are global: events of other tests still travelling on the shared topics may add some.
        Set<String> intermediatesAfter = intermediates();
        assertTrue(
                intermediatesAfter.containsAll(intermediatesBefore), "every intermediate known before is known after");

        List<String> secrets = new ArrayList<>();
        for (var line : lines) {
            secrets.add(line.reference());
            secrets.add(CaReference.normalise(line.reference()).canonical().orElseThrow());
        }
        String schema = trackingSchemaText();
        String log = Files.readString(Path.of("target/tracking-service-test.log"));
        for (String secret : secrets) {
            assertFalse(schema.contains(secret), "a CA Reference in plaintext in the tracking schema");
            assertFalse(log.contains(secret), "a CA Reference in the service log");
        }
        assertTrue(schema.contains(issued.caReferenceHash()), "indexed by the keyed hash");
    }

    @Test
    void aRebuildKeepsTheLastReissueRequestOfAnIssuedLine() throws Exception {
        TestPki pki = TestPki.create();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.orderPlaced(line, t);
        TrackingTestData.submitted(line, t.plusSeconds(5));
        TrackingTestData.statusChanged(
                line,
                t.plusSeconds(60),
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                pki.issue(TestCsr.forDomains(line.domains().get(0)).keyPair().getPublic(), line.domains()));
        TrackingTestData.awaitStatus(line.lineId(), "ISSUED");
        String token = lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");

        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "csr", TestCsr.forDomains(line.domains().get(0)).pem()))
                    .post("/api/tracking/reissue")
                    .then()
                    .statusCode(202);
            // The rebuild reads up to the end offsets it finds: the command must be on the topic by then.
            commands.await(
                    r -> line.orderNumber().equals(r.key()) && r.value().contains(ReissueRequested.TYPE),
                    1,
                    Duration.ofSeconds(20));
        }
        String requestedAt = lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .extract()
                .path("reissueRequestedAt");
        assertNotNull(requestedAt, "the lookup shows the reissue request at once");

        rebuild.rebuild();

        lookup(TrackingTestData.newClient(), "caReference", line.reference())
                .then()
                .statusCode(200)
                .body("status", equalTo("ISSUED"))
                .body("reissueRequestedAt", equalTo(requestedAt))
                .body("csrSubmittedAt", nullValue());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerMovesOn() {
        String key = "CT-POISON-" + UUID.randomUUID();
        try (TopicReader dlq = TopicReader.fromBeginning(Topics.deadLetter(Topics.CAAS))) {
            TopicWriter.send(Topics.CAAS, key, "{\"eventType\":\"CaasProvisioned\", not json");
            var line = TrackingTestData.newLine(Product.CAAS, 0);
            TrackingTestData.caasProvisioned(line, Instant.now());
            TrackingTestData.awaitStatus(line.lineId(), "PROVISIONED");
            dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        }
    }

    /** Lookup answers without what differs per call (the token and whether a refresh was asked just now). */
    private static Map<String, Map<String, Object>> answers(List<TrackingTestData.Line> lines) {
        Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
        String client = TrackingTestData.newClient();
        for (var line : lines) {
            Map<String, Object> answer = new LinkedHashMap<>(lookup(client, "caReference", line.reference())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap(""));
            answer.remove("accessToken");
            answer.remove("accessTokenExpiresAt");
            answer.remove("refreshRequested");
            answers.put(line.lineId(), answer);
        }
        return answers;
    }

    private static Set<String> intermediates() throws Exception {
        String pem = given().get("/api/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Set<String> subjects = new HashSet<>();
        TestPki.parse(pem).forEach(c -> subjects.add(c.toString()));
        return subjects;
    }

    /** Every text value of every table in the tracking schema. */
    private static String trackingSchemaText() throws Exception {
        var db = TestInfrastructure.database();
        StringBuilder text = new StringBuilder();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            var tables = c.createStatement()
                    .executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'tracking'");
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertTrue(names.contains("tracked_line"));
            for (String table : names) {
                var rows = c.createStatement().executeQuery("SELECT t::text FROM tracking.\"" + table + "\" t");
                while (rows.next()) {
                    text.append(rows.getString(1)).append('\n');
                }
            }
        }
        return text.toString();
    }
}

package com.certtrack.tracking;

import static com.certtrack.tracking.LifecycleTestData.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.RevokeRequested;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestCsr;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.tracking.view.ViewRebuild;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every certificate a line had, revoking old and current ones, renewals of the same customer, through a rebuild. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class LineageAndRevocationTest {

    @Inject
    ViewRebuild rebuild;

    @Test
    void lineageKeepsIssuedAndReissuedCertificatesAndRevokesTheSupersededOnes() throws Exception {
        TestPki pki = TestPki.create();
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
        String first =
                LifecycleTestData.serial(LifecycleTestData.issued(pki, line, t, LifecycleTestData.CUSTOMER, null));
        TrackingTestData.statusChanged(
                line, t.plusSeconds(600), CaOrderStatus.REISSUE_PENDING, CaOrderStatus.ISSUED, null);
        String reissued =
                pki.issue(TestCsr.forDomains(line.domains().get(0)).keyPair().getPublic(), line.domains());
        String second = LifecycleTestData.serial(reissued);
        TrackingTestData.statusChanged(
                line, t.plusSeconds(660), CaOrderStatus.ISSUED, CaOrderStatus.REISSUE_PENDING, reissued);
        TrackingTestData.awaitColumn(line.lineId(), "certificate_serial", second);
        String token = LifecycleTestData.token(line);

        var lineage = LifecycleTestData.lineage(token);
        assertEquals(line.lineId(), lineage.getString("lineId"));
        assertEquals(second, lineage.getString("current"));
        assertEquals(List.of(second, first), lineage.getList("certificates.serialNumber"));
        assertEquals(List.of("REISSUE", "ISSUED"), lineage.getList("certificates.origin"));
        assertEquals(List.of("CURRENT", "SUPERSEDED"), lineage.getList("certificates.state"));
        assertEquals(t.plusSeconds(60).toString(), lineage.getString("certificates[1].issuedAt"));
        assertEquals(
                TrackingTestData.certificate(reissued).sha256Fingerprint(),
                lineage.getString("certificates[0].sha256Fingerprint"));

        given().get("/api/tracking/lineage").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "KEY_COMPROMISE"))
                .post("/api/tracking/revoke")
                .then()
                .statusCode(401);
        invalid(token, "/api/tracking/revoke", Map.of("reason", "BORED"), "reason", "not one of");
        invalid(token, "/api/tracking/revoke", Map.of(), "reason", "required");
        invalid(
                token,
                "/api/tracking/revoke",
                Map.of("reason", "KEY_COMPROMISE", "serialNumbers", List.of("zz-top")),
                "serialNumbers[0]",
                "not a serial number");
        invalid(
                token,
                "/api/tracking/revoke",
                Map.of("reason", "KEY_COMPROMISE", "serialNumbers", List.of(second, "abc123")),
                "serialNumbers[1]",
                "not a certificate of this line");
        invalid(token, "/api/tracking/revoke-superseded", Map.of("reason", "BORED"), "reason", "not one of");

        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            // A revocation withdraws the line's earlier tokens and hands the caller a new one.
            token = as(token)
                    .body("{}")
                    .post("/api/tracking/revoke-superseded")
                    .then()
                    .statusCode(202)
                    .body("serialNumbers", equalTo(List.of(first)))
                    .extract()
                    .path("accessToken");
            RevokeRequested revoke = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, RevokeRequested.TYPE, 1)
                            .value(),
                    RevokeRequested.class);
            assertEquals(List.of(first), revoke.serialNumbers());
            assertEquals(RevocationReason.SUPERSEDED, revoke.reason());
            assertEquals(line.lineId(), revoke.lineId());
            var pending = LifecycleTestData.status(line);
            assertEquals("REVOKE", pending.getString("pendingAction.action"));
            assertEquals(List.of(first), pending.getList("pendingAction.serialNumbers"));

            // ca-gateway reports the revocation.
            Instant revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            TrackingTestData.publish(
                    Topics.CA_ORDERS,
                    CertificateRevoked.of(
                            UUID.randomUUID(),
                            revokedAt,
                            line.orderNumber(),
                            line.lineId(),
                            line.caReferenceHash(),
                            first.toUpperCase(),
                            RevocationReason.SUPERSEDED,
                            revokedAt));
            String renewed = token;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() ->
                            "REVOKED".equals(LifecycleTestData.lineage(renewed).getString("certificates[1].state")));
            lineage = LifecycleTestData.lineage(token);
            assertEquals(revokedAt.toString(), lineage.getString("certificates[1].revokedAt"));
            assertEquals("SUPERSEDED", lineage.getString("certificates[1].revocationReason"));
            assertEquals("CURRENT", lineage.getString("certificates[0].state"));
            assertNull(LifecycleTestData.status(line).get("pendingAction"));

            as(token)
                    .body("{}")
                    .post("/api/tracking/revoke-superseded")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json");
            as(token)
                    .body(Map.of("reason", "KEY_COMPROMISE", "serialNumbers", List.of(first)))
                    .post("/api/tracking/revoke")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("Already revoked"));

            // The current one, by default.
            token = as(token)
                    .body(Map.of("reason", "key_compromise"))
                    .post("/api/tracking/revoke")
                    .then()
                    .statusCode(202)
                    .body("serialNumbers", equalTo(List.of(second)))
                    .extract()
                    .path("accessToken");
            RevokeRequested current = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, RevokeRequested.TYPE, 2)
                            .value(),
                    RevokeRequested.class);
            assertEquals(List.of(second), current.serialNumbers());
            assertEquals(RevocationReason.KEY_COMPROMISE, current.reason());
        }

        // Reminder settings are part of the view too: they must survive the rebuild.
        as(token)
                .body(Map.of("reminderDays", List.of(14, -1)))
                .put("/api/tracking/reminders")
                .then()
                .statusCode(200);
        TrackingTestData.awaitColumn(line.lineId(), "reminder_days", "14,-1");
        Object before = LifecycleTestData.lineage(token).get("");
        Object pendingBefore = LifecycleTestData.status(line).get("pendingAction");
        String auditBefore = LifecycleTestData.sql("SELECT count(*) FROM tracking.audit_entry WHERE line_id = '"
                + line.lineId() + "' AND action <> 'LOOKUP'");

        rebuild.rebuild();
        assertEquals(before, LifecycleTestData.lineage(token).get(""), "the same lineage after a rebuild");
        assertEquals(pendingBefore, LifecycleTestData.status(line).get("pendingAction"));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/reminders")
                .then()
                .statusCode(200)
                .body("reminderDays", equalTo(List.of(14, -1)));
        assertEquals(
                auditBefore,
                LifecycleTestData.sql("SELECT count(*) FROM tracking.audit_entry WHERE line_id = '" + line.lineId()
                        + "' AND action <> 'LOOKUP'"),
                "the audit trail is neither emptied nor doubled");
    }

    @Test
    void aRenewalIsHonouredForTheSameCustomerAndIgnoredForAnother() {
        TestPki pki = TestPki.create();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(7200);
        var old = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        LifecycleTestData.issued(pki, old, t, "Ada@Example.com ", null);
        var renewal = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        LifecycleTestData.issued(pki, renewal, t.plusSeconds(600), LifecycleTestData.CUSTOMER, old.lineId());
        var stranger = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        LifecycleTestData.issued(pki, stranger, t.plusSeconds(1200), "eve@example.com", old.lineId());

        var renewed = LifecycleTestData.lineage(LifecycleTestData.token(renewal));
        assertEquals(old.lineId(), renewed.getString("renewalOf"));
        assertNull(renewed.get("renewedBy"));
        var foreign = LifecycleTestData.lineage(LifecycleTestData.token(stranger));
        assertNull(foreign.get("renewalOf"), "another customer cannot attach a line to this one");
        var original = LifecycleTestData.lineage(LifecycleTestData.token(old));
        assertEquals(renewal.lineId(), original.getString("renewedBy"));
        assertNull(original.get("renewalOf"));
    }

    @Test
    void aLineWithoutCertificateHasNothingToRevoke() {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now());
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        String token = LifecycleTestData.token(line);
        as(token)
                .body(Map.of("reason", "UNSPECIFIED"))
                .post("/api/tracking/revoke")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Nothing to revoke"));
        var lineage = LifecycleTestData.lineage(token);
        assertNull(lineage.get("current"));
        assertEquals(List.of(), lineage.getList("certificates"));
    }

    private static void invalid(String token, String path, Object body, String field, String message) {
        as(token)
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }
}

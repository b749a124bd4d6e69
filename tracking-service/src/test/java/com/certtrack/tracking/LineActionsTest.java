package com.certtrack.tracking;

import static com.certtrack.tracking.LifecycleTestData.as;
import static com.certtrack.tracking.LifecycleTestData.domain;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.certtrack.contracts.CaCommandRejected;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CancelRequested;
import com.certtrack.contracts.DcvAction;
import com.certtrack.contracts.DcvActionRequested;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.Product;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** DCV actions and cancel: checked against the view, sent to ca-gateway, shown pending until the CA answers. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class LineActionsTest {

    @Test
    void dcvActionsAreCheckedPublishedShownPendingAndAnswered() throws Exception {
        String base = UUID.randomUUID().toString().substring(0, 8) + ".example";
        var line = LifecycleTestData.line(
                Product.DV_MULTI, List.of("shop." + base, "*." + base, "mail." + base, "done." + base));
        List<DomainValidation> domains = List.of(
                domain("shop." + base, DcvMethod.HTTP_FILE, DcvStatus.PENDING),
                domain("*." + base, DcvMethod.DNS_TXT, DcvStatus.PENDING),
                domain("mail." + base, DcvMethod.EMAIL, DcvStatus.PENDING),
                domain("done." + base, DcvMethod.HTTP_FILE, DcvStatus.VALIDATED));
        LifecycleTestData.submitted(line, Instant.now().minusSeconds(60), domains);
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        String token = LifecycleTestData.token(line);

        given().contentType(ContentType.JSON)
                .body(Map.of("domain", "shop." + base, "action", "RECHECK"))
                .post("/api/tracking/dcv")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        invalid(token, dcv("nowhere.example", "RECHECK", null), "domain", "not a domain of this certificate");
        invalid(token, dcv("shop." + base, null, null), "action", "required");
        invalid(token, dcv("shop." + base, "WAVE_HANDS", null), "action", "not one of");
        invalid(token, dcv("shop." + base, "CHANGE_METHOD", null), "dcvMethod", "required");
        invalid(token, dcv("shop." + base, "CHANGE_METHOD", "PIGEON"), "dcvMethod", "not one of");
        invalid(token, dcv("*." + base, "CHANGE_METHOD", "HTTP_FILE"), "dcvMethod", "wildcard");
        invalid(token, dcv("shop." + base, "RESEND_APPROVAL", null), "action", "EMAIL");
        as(token)
                .body(dcv("done." + base, "RECHECK", null))
                .post("/api/tracking/dcv")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("validated already"));

        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            as(token)
                    .body(dcv("SHOP." + base, "change_method", "DNS_TXT"))
                    .post("/api/tracking/dcv")
                    .then()
                    .statusCode(202)
                    .body("requested", equalTo("CHANGE_METHOD"))
                    .body("domain", equalTo("shop." + base));
            DcvActionRequested change = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, DcvActionRequested.TYPE, 1)
                            .value(),
                    DcvActionRequested.class);
            assertEquals(line.lineId(), change.lineId());
            assertEquals("shop." + base, change.domain());
            assertEquals(DcvAction.CHANGE_METHOD, change.action());
            assertEquals(DcvMethod.DNS_TXT, change.dcvMethod());
            var status = LifecycleTestData.status(line);
            assertEquals("DCV_CHANGE", status.getString("pendingAction.action"));
            assertEquals("shop." + base, status.getString("pendingAction.domain"));
            assertEquals("DNS_TXT", status.getString("pendingAction.dcvMethod"));

            // ca-gateway reports the new method: the action is answered.
            List<DomainValidation> changed = List.of(
                    domain("shop." + base, DcvMethod.DNS_TXT, DcvStatus.PENDING),
                    domains.get(1),
                    domains.get(2),
                    domains.get(3));
            LifecycleTestData.statusChanged(
                    line,
                    Instant.now(),
                    CaOrderStatus.PENDING_VALIDATION,
                    CaOrderStatus.PENDING_VALIDATION,
                    changed,
                    null);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> LifecycleTestData.status(line).get("pendingAction") == null);
            assertEquals(
                    "DNS_TXT",
                    LifecycleTestData.status(line)
                            .getString("domains.find { it.name == 'shop." + base + "' }.dcvMethod"));

            // A resend the CA refuses: shown as the last rejection, no longer pending.
            as(token)
                    .body(dcv("mail." + base, "RESEND_APPROVAL", null))
                    .post("/api/tracking/dcv")
                    .then()
                    .statusCode(202)
                    .body("requested", equalTo("RESEND_APPROVAL"));
            DcvActionRequested resend = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, DcvActionRequested.TYPE, 2)
                            .value(),
                    DcvActionRequested.class);
            assertNull(resend.dcvMethod());
            assertEquals("DCV_RESEND", LifecycleTestData.status(line).getString("pendingAction.action"));
            TrackingTestData.publish(
                    Topics.CA_ORDERS,
                    CaCommandRejected.of(
                            UUID.randomUUID(),
                            Instant.now(),
                            line.orderNumber(),
                            line.lineId(),
                            resend.eventId(),
                            DcvActionRequested.TYPE,
                            "The approval e-mail can be sent again in 10 minutes."));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> LifecycleTestData.status(line).get("lastRejection") != null);
            var rejected = LifecycleTestData.status(line);
            assertNull(rejected.get("pendingAction"));
            assertEquals(DcvActionRequested.TYPE, rejected.getString("lastRejection.commandType"));
            assertEquals(
                    "The approval e-mail can be sent again in 10 minutes.", rejected.getString("lastRejection.reason"));
        }
        var entries = LifecycleTestData.audit(token);
        assertEquals(
                List.of("DCV_RESEND/REJECTED", "DCV_RESEND/ACCEPTED", "DCV_CHANGE/DONE", "DCV_CHANGE/ACCEPTED"),
                actions(entries).subList(0, 4));
    }

    @Test
    void aLineIsCancelledBeforeIssuanceAndNotAfter() throws Exception {
        var line = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        TrackingTestData.submitted(line, Instant.now().minusSeconds(60));
        TrackingTestData.awaitStatus(line.lineId(), "PENDING_VALIDATION");
        String token = LifecycleTestData.token(line);

        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/tracking/cancel")
                .then()
                .statusCode(401);
        invalid(token, "/api/tracking/cancel", Map.of("reason", "x".repeat(600)), "reason", "at most");
        try (TopicReader commands = TopicReader.fromBeginning(Topics.TRACKING_COMMANDS)) {
            as(token)
                    .body(Map.of("reason", "ordered the wrong product"))
                    .post("/api/tracking/cancel")
                    .then()
                    .statusCode(202)
                    .body("requested", equalTo("CANCEL"));
            CancelRequested cancel = TrackingTestData.JSON.readValue(
                    LifecycleTestData.command(commands, line, CancelRequested.TYPE, 1)
                            .value(),
                    CancelRequested.class);
            assertEquals(line.lineId(), cancel.lineId());
            assertEquals("ordered the wrong product", cancel.reason());
        }
        var pending = LifecycleTestData.status(line);
        assertEquals("CANCEL", pending.getString("pendingAction.action"));
        assertEquals(CancelRequested.TYPE, pending.getString("pendingAction.commandType"));

        LifecycleTestData.statusChanged(
                line, Instant.now(), CaOrderStatus.CANCELLED, CaOrderStatus.PENDING_VALIDATION, null, null);
        TrackingTestData.awaitStatus(line.lineId(), "CANCELLED");
        assertNull(LifecycleTestData.status(line).get("pendingAction"));
        as(token)
                .body("{}")
                .post("/api/tracking/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("ended"));
        as(token)
                .body(dcv(line.domains().get(0), "RECHECK", null))
                .post("/api/tracking/dcv")
                .then()
                .statusCode(409)
                .body("detail", containsString("not waiting"));
        assertEquals(
                List.of("CANCEL/DONE", "CANCEL/ACCEPTED"),
                actions(LifecycleTestData.audit(token)).subList(0, 2));

        TestPki pki = TestPki.create();
        var issued = TrackingTestData.newLine(Product.DV_SINGLE, 1);
        LifecycleTestData.issued(pki, issued, Instant.now().minusSeconds(600), LifecycleTestData.CUSTOMER, null);
        as(LifecycleTestData.token(issued))
                .body("{}")
                .post("/api/tracking/cancel")
                .then()
                .statusCode(409)
                .body("detail", containsString("revoke it instead"));
    }

    static Map<String, Object> dcv(String domain, String action, String method) {
        Map<String, Object> body = new HashMap<>();
        body.put("domain", domain);
        body.put("action", action);
        body.put("dcvMethod", method);
        return body;
    }

    static List<String> actions(io.restassured.path.json.JsonPath audit) {
        List<Map<String, Object>> entries = audit.getList("entries");
        return entries.stream()
                .filter(e -> !"LOOKUP".equals(e.get("action")))
                .map(e -> e.get("action") + "/" + e.get("outcome"))
                .toList();
    }

    private static void invalid(String token, Object body, String field, String message) {
        invalid(token, "/api/tracking/dcv", body, field, message);
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

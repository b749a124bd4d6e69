package com.certtrack.tracking.webhook;

import static com.certtrack.tracking.webhook.WebhookTestEvents.accessToken;
import static com.certtrack.tracking.webhook.WebhookTestEvents.newCustomer;
import static com.certtrack.tracking.webhook.WebhookTestEvents.orderedAndSubmitted;
import static com.certtrack.tracking.webhook.WebhookTestEvents.scalar;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.CaOrderChecked;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.CertificateRevoked;
import com.certtrack.contracts.RevocationReason;
import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.tracking.pki.CertificateChain;
import com.certtrack.tracking.view.ViewRebuild;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: registered with a line's access token, fed by view events published as ca-gateway would,
 * delivered over TLS to a loopback receiver that checks the Standard Webhooks signature with the secret it was
 * given at registration (computed here, independently of the service).
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(WebhookTestCa.class)
class WebhookDeliveryTest {

    private static final LoopbackWebhookReceiver RECEIVER = new LoopbackWebhookReceiver();

    @Inject
    ViewRebuild rebuild;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void statusChangeArrivesSignedOnTheThirdAttemptWithOneWebhookId() throws Exception {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);
        String path = "/flaky/" + UUID.randomUUID();
        String url = RECEIVER.url(path, nth -> nth <= 2 ? 500 : 200);

        JsonPath created = register(token, url, "LINE")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/tracking/webhooks/"))
                .body("url", equalTo(url))
                .body("scope", equalTo("LINE"))
                .body("secret", startsWith("whsec_"))
                .body("createdAt", notNullValue())
                .extract()
                .jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);

        String pemChain = WebhookTestCa.ca().issuePemChain(line.domain());
        var issued =
                WebhookTestEvents.statusChanged(line, CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, pemChain);

        List<LoopbackWebhookReceiver.Received> attempts =
                RECEIVER.await(path, r -> r.body().contains("\"line.status_changed\""), 3);
        assertEquals(3, attempts.size());
        assertEquals(
                1,
                attempts.stream()
                        .map(LoopbackWebhookReceiver.Received::id)
                        .distinct()
                        .count(),
                "every attempt carries the same webhook-id");
        attempts.forEach(attempt -> assertSigned(attempt, secret));
        assertEquals(
                1,
                attempts.stream()
                        .map(LoopbackWebhookReceiver.Received::body)
                        .distinct()
                        .count(),
                "the same body each time");
        assertTrue(
                Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis() >= 400,
                "a retry waits for its backoff");

        JsonNode body = WebhookTestEvents.JSON.readTree(attempts.get(2).body());
        assertEquals("line.status_changed", body.get("type").asText());
        assertEquals(line.lineId(), body.get("lineId").asText());
        assertEquals(line.orderNumber(), body.get("orderNumber").asText());
        assertEquals("ISSUED", body.get("status").asText());
        assertEquals(issued.occurredAt(), Instant.parse(body.get("occurredAt").asText()));
        assertEquals(
                "PENDING_VALIDATION", body.get("data").get("previousStatus").asText());
        assertNoReference(attempts.get(2).body(), line);

        // The certificate itself is an event of its own.
        var certificate = RECEIVER.await(path, r -> r.body().contains("\"certificate.issued\""), 3)
                .get(2);
        assertSigned(certificate, secret);
        JsonNode certificateBody = WebhookTestEvents.JSON.readTree(certificate.body());
        assertEquals(
                CertificateChain.parse(pemChain).leaf().getSerialNumber().toString(16),
                certificateBody.get("data").get("serialNumber").asText());
        assertNoReference(certificate.body(), line);

        // The delivery log says what happened, under the id the receiver saw.
        String webhookId = attempts.get(0).id();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "DELIVERED"
                        .equals(deliveries(token, id)
                                .getString("deliveries.find { it.id == '" + webhookId + "' }.status")));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/" + id + "/deliveries")
                .then()
                .statusCode(200)
                .body("deliveries.find { it.id == '" + webhookId + "' }.eventType", equalTo("line.status_changed"))
                .body("deliveries.find { it.id == '" + webhookId + "' }.lineId", equalTo(line.lineId()))
                .body("deliveries.find { it.id == '" + webhookId + "' }.attempts", equalTo(3))
                .body("deliveries.find { it.id == '" + webhookId + "' }.lastHttpStatus", equalTo(200))
                .body("deliveries.find { it.id == '" + webhookId + "' }.deliveredAt", notNullValue())
                .body("deliveries.find { it.id == '" + webhookId + "' }.nextAttemptAt", nullValue());
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(200)
                .body("webhooks.find { it.id == '" + id + "' }.lastDelivery.status", notNullValue())
                .body("webhooks.find { it.id == '" + id + "' }.secret", nullValue());
    }

    @Test
    void aRevokedSupersededCertificateIsAnnouncedOnce() throws Exception {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);
        String path = "/revoked/" + UUID.randomUUID();
        var registered = register(token, RECEIVER.url(path, nth -> 200), "LINE")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String secret = registered.getString("secret");
        String id = registered.getString("id");
        String first = WebhookTestCa.ca().issuePemChain(line.domain());
        WebhookTestEvents.statusChanged(line, CaOrderStatus.ISSUED, CaOrderStatus.PENDING_VALIDATION, first);
        String firstSerial =
                CertificateChain.parse(first).leaf().getSerialNumber().toString(16);
        RECEIVER.await(path, r -> r.body().contains(firstSerial), 1);
        WebhookTestEvents.statusChanged(
                line,
                CaOrderStatus.ISSUED,
                CaOrderStatus.REISSUE_PENDING,
                WebhookTestCa.ca().issuePemChain(line.domain()));

        var revoked = CertificateRevoked.of(
                UUID.randomUUID(),
                Instant.now(),
                line.orderNumber(),
                line.lineId(),
                line.caReferenceHash(),
                firstSerial,
                RevocationReason.SUPERSEDED,
                Instant.now());
        WebhookTestEvents.publish(Topics.CA_ORDERS, revoked);
        WebhookTestEvents.publish(Topics.CA_ORDERS, revoked); // delivered twice, announced once
        awaitConsumedUpToACheck(line);

        var announced = RECEIVER.await(path, r -> r.body().contains("\"certificate.revoked\""), 1)
                .get(0);
        assertSigned(announced, secret);
        JsonNode body = WebhookTestEvents.JSON.readTree(announced.body());
        assertEquals(firstSerial, body.get("data").get("serialNumber").asText());
        assertEquals("SUPERSEDED", body.get("data").get("reason").asText());
        assertEquals("ISSUED", body.get("status").asText(), "the line itself goes on");
        awaitNothingToDeliver(id);
        assertEquals(
                1,
                RECEIVER.at(path).stream()
                        .filter(r -> r.body().contains("\"certificate.revoked\""))
                        .count());
    }

    /**
     * Publishes a check of the line's order, which lands behind the events sent before it on the same partition, and
     * waits until the view shows it: by then those events were consumed too.
     */
    private static void awaitConsumedUpToACheck(WebhookTestEvents.Line line) {
        Instant marker = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        WebhookTestEvents.publish(
                Topics.CA_ORDERS,
                CaOrderChecked.of(
                        UUID.randomUUID(),
                        marker,
                        line.orderNumber(),
                        line.lineId(),
                        line.caReferenceHash(),
                        CaOrderStatus.ISSUED,
                        marker));
        WebhookTestEvents.awaitView(line.lineId(), "ca_last_queried_at = '" + marker + "'::timestamptz");
    }

    @Test
    void aReplayedEventOrARebuiltViewAddsNoSecondDelivery() throws Exception {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);
        String path = "/replay/" + UUID.randomUUID();
        String id = register(token, RECEIVER.url(path, nth -> 200), "LINE")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var issued = WebhookTestEvents.statusChanged(
                line,
                CaOrderStatus.ISSUED,
                CaOrderStatus.PENDING_VALIDATION,
                WebhookTestCa.ca().issuePemChain(line.domain()));
        RECEIVER.await(path, r -> r.body().contains("\"line.status_changed\""), 1);
        RECEIVER.await(path, r -> r.body().contains("\"certificate.issued\""), 1);
        assertEquals("2", deliveryRows(id));

        // The same record again (same eventId).
        WebhookTestEvents.publish(Topics.CA_ORDERS, issued);
        awaitConsumedUpToACheck(line);
        assertEquals("2", deliveryRows(id), "neither the replay nor an unchanged status adds a delivery");

        // A rebuild replays every topic from offset 0 with an emptied ledger: still nothing twice.
        String allRows = scalar("SELECT count(*) FROM tracking.webhook_delivery");
        rebuild.rebuild();
        WebhookTestEvents.awaitView(line.lineId(), "status = 'ISSUED'");
        assertEquals("2", deliveryRows(id));
        assertEquals(
                allRows,
                scalar("SELECT count(*) FROM tracking.webhook_delivery"),
                "no endpoint got a second delivery of a replayed change");
        awaitNothingToDeliver(id); // the delivery job sends only PENDING and RETRYING rows
        assertEquals(2, RECEIVER.at(path).size(), "and the receiver got nothing more");
    }

    @Test
    void aWebhookCoversOnlyItsOwnLineEvenForTheSameCustomer() throws Exception {
        String customer = newCustomer();
        var first = orderedAndSubmitted(customer);
        var second = orderedAndSubmitted(customer);
        String firstToken = accessToken(first);

        // No account scope: the order e-mail is not a key to the customer's other lines.
        register(firstToken, RECEIVER.url("/account/" + UUID.randomUUID(), nth -> 200), "ACCOUNT")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("scope"))
                .body("errors.find { it.field == 'scope' }.message", containsString("register the URL on each line"));

        String path = "/own-line/" + UUID.randomUUID();
        String id = register(firstToken, RECEIVER.url(path, nth -> 200), "LINE")
                .then()
                .statusCode(201)
                .body("scope", equalTo("LINE"))
                .extract()
                .path("id");
        WebhookTestEvents.statusChanged(second, CaOrderStatus.REJECTED, CaOrderStatus.PENDING_VALIDATION, null);
        WebhookTestEvents.statusChanged(first, CaOrderStatus.REJECTED, CaOrderStatus.PENDING_VALIDATION, null);

        var received =
                RECEIVER.await(path, r -> r.body().contains(first.lineId()), 1).get(0);
        assertTrue(received.body().contains("\"status\":\"REJECTED\""));
        WebhookTestEvents.awaitView(second.lineId(), "status = 'REJECTED'");
        // Deliveries are written with the projection: none for the other line means none will ever be sent.
        assertEquals(
                "0",
                scalar(
                        "SELECT count(*) FROM tracking.webhook_delivery WHERE endpoint_id = ?::uuid "
                                + "AND line_id = ?",
                        id,
                        second.lineId()));
        assertTrue(RECEIVER.at(path).stream().noneMatch(r -> r.body().contains(second.lineId())));

        // The same customer's other line neither sees nor manages it.
        String secondToken = accessToken(second);
        given().auth()
                .oauth2(secondToken)
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(200)
                .body("webhooks.id", not(hasItem(id)));
        given().auth()
                .oauth2(secondToken)
                .get("/api/tracking/webhooks/" + id + "/deliveries")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(secondToken)
                .delete("/api/tracking/webhooks/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(firstToken)
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(200)
                .body("webhooks.id", hasItem(id));
    }

    @Test
    void registrationRefusesBadUrlsBadTokensAndOneEndpointTooMany() {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);

        register(token, "http://127.0.0.1:9/hook", "LINE")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("https://"));
        register(token, "https://user:pw@127.0.0.1:9/hook", "LINE")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("credentials"));
        register(token, "https://127.0.0.1:9/hook#part", "LINE")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("fragment"));
        register(token, "https://127.0.0.1:9/hook", "EVERYTHING")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("scope"));

        given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://127.0.0.1:9/hook"))
                .post("/api/tracking/webhooks")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        register(token + "x", "https://127.0.0.1:9/hook", "LINE").then().statusCode(401);
        given().auth()
                .oauth2("not-a-token")
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(401);

        String first = null;
        for (int i = 0; i < 5; i++) {
            String id = register(token, "https://127.0.0.1:9/hook/" + i, "LINE")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            first = first == null ? id : first;
        }
        register(token, "https://127.0.0.1:9/hook/6", "LINE")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("5"));
        given().auth()
                .oauth2(token)
                .delete("/api/tracking/webhooks/" + first)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/" + first + "/deliveries")
                .then()
                .statusCode(404);
        register(token, "https://127.0.0.1:9/hook/6", "LINE").then().statusCode(201);
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/no-such-id/deliveries")
                .then()
                .statusCode(404);
    }

    @Test
    void theSecretIsShownOnceAndNeitherStoredNorLoggedInPlaintext() throws Exception {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);
        String path = "/ping/" + UUID.randomUUID();
        JsonPath created = register(token, RECEIVER.url(path, nth -> 200), "LINE")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        String secretBase64 = secret.substring("whsec_".length());
        byte[] secretBytes = Base64.getDecoder().decode(secretBase64);

        // It still signs: the ping arrives signed with the secret we were given.
        given().auth()
                .oauth2(token)
                .post("/api/tracking/webhooks/" + id + "/ping")
                .then()
                .statusCode(202)
                .body("deliveryId", notNullValue());
        var ping = RECEIVER.await(path, r -> r.body().contains("\"type\":\"ping\""), 1)
                .get(0);
        assertSigned(ping, secret);
        assertTrue(ping.body().contains(id));

        String listed = given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(listed.contains(secretBase64), "never shown again");

        try (var c = WebhookTestEvents.connection();
                var statement = c.prepareStatement("SELECT secret_encrypted, row_to_json(e)::text "
                        + "FROM tracking.webhook_endpoint e WHERE id = ?::uuid")) {
            statement.setString(1, id);
            var row = statement.executeQuery();
            assertTrue(row.next());
            byte[] stored = row.getBytes(1);
            String everyColumn = row.getString(2);
            assertFalse(contains(stored, secret.getBytes(StandardCharsets.US_ASCII)));
            assertFalse(contains(stored, secretBase64.getBytes(StandardCharsets.US_ASCII)));
            assertFalse(contains(stored, secretBytes));
            assertTrue(stored.length >= 12 + secret.length() + 16, "IV, ciphertext and tag");
            assertFalse(everyColumn.contains(secretBase64));
        }
        String deliveriesText = scalar(
                "SELECT string_agg(payload || coalesce(last_error, ''), ' ') "
                        + "FROM tracking.webhook_delivery WHERE endpoint_id = ?::uuid",
                id);
        assertFalse(deliveriesText.contains(secretBase64));
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/tracking-service-test.log"));
        assertTrue(log.contains(id), "the log does speak of this webhook");
        assertFalse(log.contains(secretBase64), "but never of its secret");
    }

    @Test
    void goneDisablesTheEndpointAndExhaustedRetriesEndFailed() {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);

        String gonePath = "/gone/" + UUID.randomUUID();
        String gone = register(token, RECEIVER.url(gonePath, nth -> 410), "LINE")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .post("/api/tracking/webhooks/" + gone + "/ping")
                .then()
                .statusCode(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> "FAILED".equals(deliveries(token, gone).getString("deliveries[0].status")));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/" + gone + "/deliveries")
                .then()
                .body("deliveries[0].attempts", equalTo(1))
                .body("deliveries[0].lastHttpStatus", equalTo(410));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks")
                .then()
                .body("webhooks.find { it.id == '" + gone + "' }.disabledAt", notNullValue());
        given().auth()
                .oauth2(token)
                .post("/api/tracking/webhooks/" + gone + "/ping")
                .then()
                .statusCode(409);
        assertEquals(1, RECEIVER.at(gonePath).size());

        String downPath = "/down/" + UUID.randomUUID();
        String down = register(token, RECEIVER.url(downPath, nth -> 503), "LINE")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(token)
                .post("/api/tracking/webhooks/" + down + "/ping")
                .then()
                .statusCode(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "FAILED".equals(deliveries(token, down).getString("deliveries[0].status")));
        given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/" + down + "/deliveries")
                .then()
                .body("deliveries[0].attempts", equalTo(4))
                .body("deliveries[0].lastHttpStatus", equalTo(503))
                .body("deliveries[0].lastError", equalTo("HTTP 503"))
                .body("deliveries[0].nextAttemptAt", nullValue());
        assertEquals(4, RECEIVER.at(downPath).size(), "max-attempts (4 in tests), then no more");
    }

    @Test
    void aReceiverWhoseCertificateIsNotTrustedGetsNothing() {
        var line = orderedAndSubmitted(newCustomer());
        String token = accessToken(line);
        try (var impostor = new LoopbackWebhookReceiver(WebhookTestCa.newCa())) {
            String path = "/impostor/" + UUID.randomUUID();
            String id = register(token, impostor.url(path, nth -> 200), "LINE")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            given().auth()
                    .oauth2(token)
                    .post("/api/tracking/webhooks/" + id + "/ping")
                    .then()
                    .statusCode(202);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> "RETRYING".equals(deliveries(token, id).getString("deliveries[0].status")));
            given().auth()
                    .oauth2(token)
                    .get("/api/tracking/webhooks/" + id + "/deliveries")
                    .then()
                    .body("deliveries[0].lastHttpStatus", nullValue())
                    .body("deliveries[0].lastError", containsString("SSL"))
                    .body("deliveries[0].nextAttemptAt", notNullValue());
            assertEquals(0, impostor.at(path).size(), "the TLS handshake failed before any request");
        }
    }

    private static io.restassured.response.Response register(String token, String url, String scope) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("url", url, "scope", scope))
                .post("/api/tracking/webhooks");
    }

    private static JsonPath deliveries(String token, String id) {
        return given().auth()
                .oauth2(token)
                .get("/api/tracking/webhooks/" + id + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Until no delivery of the endpoint is waiting or in flight: the receiver has all it will get. */
    private static void awaitNothingToDeliver(String endpointId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!"0"
                .equals(scalar(
                        "SELECT count(*) FROM tracking.webhook_delivery WHERE endpoint_id = ?::uuid "
                                + "AND status IN ('PENDING', 'RETRYING')",
                        endpointId))) {
            assertTrue(Instant.now().isBefore(deadline), "the deliveries of " + endpointId + " were made");
            Thread.sleep(50);
        }
    }

    private static String deliveryRows(String endpointId) throws Exception {
        return scalar("SELECT count(*) FROM tracking.webhook_delivery WHERE endpoint_id = ?::uuid", endpointId);
    }

    /** Standard Webhooks, computed here: HMAC-SHA256 keyed with the decoded secret over id.timestamp.body. */
    private static void assertSigned(LoopbackWebhookReceiver.Received received, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((received.id() + "." + received.timestamp() + "." + received.body())
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals("v1," + Base64.getEncoder().encodeToString(expected), received.signature());
            long age = Instant.now().getEpochSecond() - Long.parseLong(received.timestamp());
            assertTrue(age >= 0 && age < 60, "a fresh timestamp");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoReference(String body, WebhookTestEvents.Line line) {
        String canonical = line.reference().replace("-", "").replace(" ", "");
        assertFalse(body.contains(line.reference()) || body.contains(canonical), "never the CA Reference");
        assertFalse(body.contains(line.caReferenceHash()), "not even its hash");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

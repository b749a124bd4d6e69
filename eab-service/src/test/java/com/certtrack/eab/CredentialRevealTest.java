package com.certtrack.eab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.certtrack.contracts.CaasProvisioned;
import com.certtrack.contracts.Topics;
import com.certtrack.support.links.LinkToken;
import com.certtrack.support.reference.CaReference;
import com.certtrack.support.reference.ReferenceHasher;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Sealer;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import com.certtrack.testsupport.TopicReader;
import com.certtrack.testsupport.TopicWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class CredentialRevealTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Provisioned(String reference, String lineId, String keyId, String hmacKey) {}

    @Test
    void revealsKeyIdHmacAndClientCommandsWithinSevenDaysAndAuditsIt() throws Exception {
        Provisioned caas = provision(Instant.now());
        String client = "198.51.100." + (1 + new SecureRandom().nextInt(250));

        awaitKnown(caas, client);
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("caReference", caas.reference().toLowerCase().replace("-", " ")))
                .post("/api/caas/credentials")
                .then()
                .statusCode(200)
                .body("eabKeyId", equalTo(caas.keyId()))
                .body("eabHmacKey", equalTo(caas.hmacKey()))
                .body("acmeDirectoryUrl", equalTo("https://ca.test/acme/directory"))
                .body("warning", containsString("can never be regenerated"))
                .body("clients.certbot", containsString("--eab-kid=" + caas.keyId()))
                .body("clients.certbot", containsString("--eab-hmac-key=" + caas.hmacKey()))
                .body("clients.lego", containsString("--hmac=" + caas.hmacKey()))
                .body("clients.'acme.sh'", containsString("--eab-hmac-key '" + caas.hmacKey() + "'"));

        // The legacy name of the credential works alike.
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("supplierOrderNumber", caas.reference()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(200)
                .body("eabKeyId", equalTo(caas.keyId()));

        assertEquals(2, auditRows(caas.lineId(), client, "REVEALED"));
        String stored = schemaText();
        assertFalse(stored.contains(caas.hmacKey()), "HMAC key in plaintext in the database");
        assertFalse(stored.contains(caas.reference()), "CA Reference in plaintext in the database");
        String log = Files.readString(Path.of("target/eab-service-test.log"));
        assertFalse(log.contains(caas.hmacKey()), "HMAC key in the log");
    }

    @Test
    void aLinkFromAnEmailCannotRevealButAnAccessTokenFromTheReferenceCan() throws Exception {
        Provisioned caas = provision(Instant.now());
        String client = "192.0.2." + (1 + new SecureRandom().nextInt(250));
        awaitKnown(caas, client);
        LinkToken signer = LinkToken.fromBase64Key(TestInfrastructure.keys().get("certtrack.keys.link-signing"));
        Instant now = Instant.now();
        String link = signer.sign(LinkToken.Purpose.LINK, caas.lineId(), "CT-EAB", now, now.plusSeconds(3600));
        String access = signer.sign(LinkToken.Purpose.ACCESS, caas.lineId(), "CT-EAB", now, now.plusSeconds(900));

        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("token", link))
                .post("/api/caas/credentials")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("reference-required"))
                .body("detail", containsString("CA Reference"))
                .body(not(containsString(caas.hmacKey())));
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("token", access))
                .post("/api/caas/credentials")
                .then()
                .statusCode(200)
                .body("eabHmacKey", equalTo(caas.hmacKey()));
        assertEquals(1, auditRows(caas.lineId(), client, "REVEALED"));
    }

    @Test
    void afterTheWindowAnswers410ThenPurgesTheSecretForGood() throws Exception {
        Provisioned caas = provision(Instant.now().minus(Duration.ofDays(8)));
        String client = "203.0.113." + (1 + new SecureRandom().nextInt(250));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> purgedAt(caas.lineId()) != null);

        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("caReference", caas.reference()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("status", is(410))
                .body("detail", containsString("cannot be regenerated"));
        assertNull(storedCiphertext(caas.lineId()), "no HMAC key left in the database");
        assertEquals(1, auditRows(caas.lineId(), client, "WINDOW_CLOSED"));
    }

    @Test
    void everyRevealAttemptOnAKnownCredentialIsPublishedOnTheAuditTopicWithoutSecrets() throws Exception {
        Provisioned open = provision(Instant.now());
        Provisioned closed = provision(Instant.now().minus(Duration.ofDays(9)));
        awaitKnown(open, "none");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        query("SELECT line_id FROM eab.eab_credential WHERE line_id = ?", closed.lineId()) != null);

        // Behind the gateway: the first X-Forwarded-For hop is the client, later hops are proxies.
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.77, 10.9.8.7")
                .body(Map.of("caReference", open.reference()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", "198.51.100.78")
                .body(Map.of("caReference", closed.reference()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(410);

        try (TopicReader audit = TopicReader.fromBeginning(Topics.AUDIT)) {
            var revealed = audit.await(r -> r.value().contains(open.lineId()), 1, Duration.ofSeconds(30));
            var windowClosed = audit.await(r -> r.value().contains(closed.lineId()), 1, Duration.ofSeconds(30));
            var first = JSON.readTree(revealed.get(0).value());
            assertEquals("CredentialRevealed", first.get("eventType").asText());
            assertEquals("CredentialRevealed", TopicReader.header(revealed.get(0), "ce_type"));
            assertEquals(
                    open.lineId().substring(0, open.lineId().lastIndexOf('-')),
                    revealed.get(0).key(),
                    "keyed by order number");
            assertEquals(
                    open.lineId().substring(0, open.lineId().lastIndexOf('-')),
                    first.get("orderNumber").asText());
            assertEquals("203.0.113.77", first.get("clientAddress").asText());
            assertEquals("REVEALED", first.get("outcome").asText());
            var second = JSON.readTree(windowClosed.get(0).value());
            assertEquals("198.51.100.78", second.get("clientAddress").asText());
            assertEquals("WINDOW_CLOSED", second.get("outcome").asText());
            for (var record : audit.settle(
                    r -> r.value().contains(open.lineId()) || r.value().contains(closed.lineId()),
                    Duration.ofSeconds(2))) {
                for (String secret : new String[] {
                    open.hmacKey(), open.reference(), closed.hmacKey(), closed.reference(), open.keyId()
                }) {
                    assertFalse(record.value().contains(secret), "no key, key id or CA Reference on audit.v1");
                }
            }
            assertEquals(
                    2,
                    audit.settle(
                                    r -> r.value().contains(open.lineId())
                                            || r.value().contains(closed.lineId()),
                                    Duration.ofSeconds(1))
                            .size(),
                    "one event per attempt");
        }
    }

    @Test
    void wrongAndUnknownReferencesAnswerAlikeThenTheClientIsThrottled() {
        String client = "192.0.2." + (1 + new SecureRandom().nextInt(250));
        var unknown = given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("caReference", CaReference.generate()))
                .post("/api/caas/credentials");
        unknown.then().statusCode(404).body("title", equalTo("No CaaS subscription found"));

        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("caReference", "7K3M-9Q2X"))
                .post("/api/caas/credentials")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("caReference"));

        for (int i = 0; i < 8; i++) {
            given().contentType(ContentType.JSON)
                    .header("X-Forwarded-For", client)
                    .body(Map.of("caReference", CaReference.generate()))
                    .post("/api/caas/credentials")
                    .then()
                    .statusCode(404);
        }
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client)
                .body(Map.of("caReference", CaReference.generate()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        // Another client is not affected.
        given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", client.replace("192.0.2.", "192.0.3."))
                .body(Map.of("caReference", CaReference.generate()))
                .post("/api/caas/credentials")
                .then()
                .statusCode(404);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        TopicWriter.send(Topics.CAAS, key, "{\"eventType\":\"CaasProvisioned\",\"eventId\":\"nope\"}");
        try (TopicReader dlq = TopicReader.fromBeginning(Topics.deadLetter(Topics.CAAS))) {
            assertNotNull(TopicReader.header(
                    dlq.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(60))
                            .get(0),
                    "dead-letter-reason"));
        }
        Provisioned caas = provision(Instant.now());
        awaitKnown(caas, "192.0.2.250");
    }

    private static Provisioned provision(Instant orderedAt) throws Exception {
        Map<String, String> keys = TestInfrastructure.keys();
        String reference = CaReference.generate();
        String hash = new ReferenceHasher(Base64.getDecoder().decode(keys.get("certtrack.keys.reference-hash")))
                .hash(CaReference.normalise(reference).canonical().orElseThrow());
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String hmacKey = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String sealed = new Sealer(Pem.publicKey(keys.get("certtrack.keys.eab-public-key")))
                .seal(hmacKey.getBytes(StandardCharsets.US_ASCII));
        String orderNumber = "CT-" + UUID.randomUUID().toString().substring(0, 8);
        String lineId = orderNumber + "-1";
        String keyId = "kid-" + UUID.randomUUID();
        var event = CaasProvisioned.of(
                UUID.randomUUID(),
                Instant.now(),
                orderNumber,
                lineId,
                hash,
                "c2VhbGVkLWZvci1ub3RpZmljYXRpb24=",
                keyId,
                sealed,
                "https://ca.test/acme/directory",
                orderedAt,
                orderedAt.plus(Duration.ofDays(7)));
        TopicWriter.send(Topics.CAAS, orderNumber, JSON.writeValueAsString(event));
        return new Provisioned(reference, lineId, keyId, hmacKey);
    }

    private static void awaitKnown(Provisioned caas, String client) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> storedCiphertext(caas.lineId()) != null);
    }

    private static Object query(String sql, String lineId) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var s = c.prepareStatement(sql)) {
            s.setString(1, lineId);
            var rs = s.executeQuery();
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    private static byte[] storedCiphertext(String lineId) throws Exception {
        return (byte[]) query("SELECT hmac_key_ciphertext FROM eab.eab_credential WHERE line_id = ?", lineId);
    }

    private static Object purgedAt(String lineId) throws Exception {
        return query("SELECT purged_at FROM eab.eab_credential WHERE line_id = ?", lineId);
    }

    private static int auditRows(String lineId, String client, String outcome) throws Exception {
        var db = TestInfrastructure.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var s = c.prepareStatement("SELECT count(*) FROM eab.reveal_audit WHERE line_id = ? "
                        + "AND client_address = ? AND outcome = ?")) {
            s.setString(1, lineId);
            s.setString(2, client);
            s.setString(3, outcome);
            var rs = s.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String schemaText() throws Exception {
        var db = TestInfrastructure.database();
        StringBuilder text = new StringBuilder();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            for (String table : new String[] {"eab_credential", "reveal_audit", "processed_event"}) {
                var rows = c.createStatement().executeQuery("SELECT t::text FROM eab." + table + " t");
                while (rows.next()) {
                    text.append(rows.getString(1)).append('\n');
                }
            }
        }
        return text.toString();
    }
}

package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** EAB credentials, idempotency, and what the database holds: secrets only sealed. */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class AcmeAccountAndSecretsTest {

    @Test
    void eabCredentialsAreIdempotentPerClientOrderIdAndStoredSealed() throws Exception {
        Map<String, Object> body = Map.of("clientOrderId", "caas-" + UUID.randomUUID(), "termMonths", 12);
        JsonPath created = api().body(body)
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String keyId = created.getString("eabKeyId");
        String hmac = created.getString("eabHmacKey");
        assertEquals(32, Base64.getUrlDecoder().decode(hmac).length, "256-bit HMAC key, base64url");
        assertFalse(hmac.contains("=") || hmac.contains("+") || hmac.contains("/"));
        assertEquals("http://localhost:8090/acme/directory", created.getString("directoryUrl"));

        JsonPath replay = api().body(body)
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(keyId, replay.getString("eabKeyId"));
        assertEquals(hmac, replay.getString("eabHmacKey"));
        api().body(Map.of("clientOrderId", body.get("clientOrderId"), "termMonths", 24))
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(409);
        api().body(Map.of("clientOrderId", "x", "termMonths", 0))
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("termMonths"));
        given().contentType("application/json")
                .body(body)
                .post("/api/v1/acme-accounts")
                .then()
                .statusCode(401);

        byte[] sealed = bytes("SELECT hmac_key_sealed FROM stand_in_ca.acme_account WHERE eab_key_id = ?", keyId);
        assertFalse(contains(sealed, Base64.getUrlDecoder().decode(hmac)), "the HMAC key is not stored in clear");
    }

    @Test
    void caReferencesAndCaPrivateKeysAreSealedAtRest() throws Exception {
        JsonPath created = Api.create(Api.order("DV_SINGLE", null, Api.domain("sealed"), "DNS_TXT"));
        String reference = created.getString("caReference");
        byte[] sealed = bytes(
                "SELECT sealed_ca_reference FROM stand_in_ca.ca_order WHERE id = ?::uuid",
                created.getString("orderId"));
        assertFalse(contains(sealed, reference.getBytes(StandardCharsets.US_ASCII)));
        assertFalse(contains(sealed, reference.replace("-", "").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(sealed.length >= reference.length() + 28, "nonce and tag around the ciphertext");

        try (Connection db = connect();
                ResultSet rows = db.createStatement()
                        .executeQuery("SELECT name, private_key_sealed FROM stand_in_ca.ca_key ORDER BY name")) {
            int count = 0;
            while (rows.next()) {
                count++;
                byte[] key = rows.getBytes(2);
                // PKCS#8 DER starts with SEQUENCE (0x30) and a version INTEGER 0: a sealed key does not.
                assertFalse(
                        HexFormat.of().formatHex(key).startsWith("30")
                                && HexFormat.of()
                                        .formatHex(key)
                                        .substring(4, 16)
                                        .contains("020100"),
                        rows.getString(1) + " key looks like clear PKCS#8");
            }
            assertEquals(2, count, "root and intermediate");
        }
    }

    private static byte[] bytes(String sql, String parameter) throws Exception {
        try (Connection db = connect();
                PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next());
                return rows.getBytes(1);
            }
        }
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(""));
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

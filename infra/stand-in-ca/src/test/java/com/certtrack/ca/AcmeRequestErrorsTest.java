package com.certtrack.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.StandInCaTestResource;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.DriverManager;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The ACME server's directory, nonces, EAB rules and problem documents, driven with hand-made JWS requests. */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class AcmeRequestErrorsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ERROR = "urn:ietf:params:acme:error:";

    @Test
    void directoryRequiresExternalAccountBindingAndNoncesAreFresh() {
        given().get(Acme.directory())
                .then()
                .statusCode(200)
                .body("newNonce", is(Acme.base() + "/new-nonce"))
                .body("newAccount", is(Acme.base() + "/new-account"))
                .body("newOrder", is(Acme.base() + "/new-order"))
                .body("revokeCert", is(Acme.base() + "/revoke-cert"))
                .body("keyChange", is(Acme.base() + "/key-change"))
                .body("renewalInfo", is(Acme.base() + "/renewal-info"))
                .body("meta.externalAccountRequired", is(true));
        given().head(Acme.base() + "/new-nonce")
                .then()
                .statusCode(200)
                .header("Replay-Nonce", notNullValue())
                .header("Cache-Control", is("no-store"));
        given().get(Acme.base() + "/new-nonce").then().statusCode(204).header("Replay-Nonce", notNullValue());
        assertNotEquals(Acme.nonce(), Acme.nonce());
    }

    @Test
    void newAccountWithoutBindingIsExternalAccountRequired() {
        Acme.newAccount(Acme.ecKey(), null)
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .header("Replay-Nonce", notNullValue())
                .body("type", is(ERROR + "externalAccountRequired"))
                .body("status", is(403));
    }

    @Test
    void wrongHmacOrUnknownKeyIdIsUnauthorized() {
        Acme.Eab eab = Acme.eab();
        ECKey key = Acme.ecKey();
        String url = Acme.base() + "/new-account";
        byte[] wrong = Acme.hmac(eab);
        wrong[0] ^= 1;
        Acme.newAccount(key, Acme.binding(key, eab.keyId(), wrong, url))
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", is(ERROR + "unauthorized"));
        Acme.newAccount(key, Acme.binding(key, "kid-unknown", Acme.hmac(eab), url))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "unauthorized"));
        // A binding over another key than the one signing the request binds nothing.
        Acme.newAccount(key, Acme.binding(Acme.ecKey(), eab.keyId(), Acme.hmac(eab), url))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "unauthorized"));
    }

    @Test
    void oneKeyIdBindsSeveralAccountsToItsSubscription() throws Exception {
        Acme.Eab eab = Acme.eab();
        String url = Acme.base() + "/new-account";
        ECKey first = Acme.ecKey();
        RSAKey second = Acme.rsaKey();
        Response created = Acme.newAccount(first, Acme.binding(first, eab.keyId(), Acme.hmac(eab), url));
        created.then().statusCode(201).body("status", is("valid")).body("contact[0]", is("mailto:ops@example.test"));
        String firstAccount = created.header("Location");
        Response another = Acme.newAccount(second, Acme.binding(second, eab.keyId(), Acme.hmac(eab), url));
        another.then().statusCode(201);
        assertNotEquals(firstAccount, another.header("Location"));

        // The same key again finds its account (200), even without a binding.
        Response again = Acme.newAccount(first, null);
        again.then().statusCode(200);
        assertEquals(firstAccount, again.header("Location"));

        var config = ConfigProvider.getConfig();
        try (var db = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class)
                                .orElse(""));
                var statement = db.prepareStatement("SELECT count(*) FROM stand_in_ca.acme_client_account c "
                        + "JOIN stand_in_ca.acme_account s ON s.id = c.subscription_id WHERE s.eab_key_id = ?")) {
            statement.setString(1, eab.keyId());
            var rows = statement.executeQuery();
            rows.next();
            assertEquals(2, rows.getInt(1), "both ACME accounts are bound to the CaaS subscription");
        }
    }

    @Test
    void garbageReusedNoncesAndForeignUrlsAreRejected() {
        String url = Acme.base() + "/new-account";
        given().contentType("application/jose+json")
                .body("{not json")
                .post(url)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", is(ERROR + "malformed"));
        given().contentType("application/jose+json")
                .body(Map.of("protected", "x"))
                .post(url)
                .then()
                .statusCode(400)
                .body("type", is(ERROR + "malformed"));
        given().contentType("application/jose+json")
                .body(Map.of("protected", "!!", "payload", "", "signature", ""))
                .post(url)
                .then()
                .statusCode(400)
                .body("type", is(ERROR + "malformed"));

        ECKey key = Acme.ecKey();
        String nonce = Acme.nonce();
        Acme.post(url, Acme.jws(key, null, nonce, url, "{}"))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "externalAccountRequired"));
        Acme.post(url, Acme.jws(key, null, nonce, url, "{}"))
                .then()
                .statusCode(400)
                .body("type", is(ERROR + "badNonce"))
                .header("Replay-Nonce", notNullValue());
        Acme.post(url, Acme.jws(key, null, null, url, "{}"))
                .then()
                .statusCode(400)
                .body("type", is(ERROR + "badNonce"));
        Acme.post(url, Acme.jws(key, null, Acme.nonce(), Acme.base() + "/new-order", "{}"))
                .then()
                .statusCode(403)
                .body("type", is(ERROR + "unauthorized"));
        Acme.post(
                        Acme.base() + "/new-order",
                        Acme.jws(
                                key,
                                Acme.base() + "/acct/" + java.util.UUID.randomUUID(),
                                Acme.nonce(),
                                Acme.base() + "/new-order",
                                "{}"))
                .then()
                .statusCode(400)
                .body("type", is(ERROR + "accountDoesNotExist"));
        given().contentType("application/json")
                .body("{}")
                .post(url)
                .then()
                .statusCode(415)
                .body("type", is(ERROR + "malformed"));
    }
}

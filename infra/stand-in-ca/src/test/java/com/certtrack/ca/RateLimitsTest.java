package com.certtrack.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import com.nimbusds.jose.jwk.ECKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each rate limit, set small here, answers 429 with Retry-After once used up: ACME with {@code rateLimited}
 * (RFC 8555 §6.6), the operator endpoints with an RFC 9457 problem. Every test client is 127.0.0.1, so the
 * per-address account limit is proved last.
 */
@QuarkusTest
@TestProfile(RateLimitsTest.SmallLimits.class)
@WithTestResource(StandInCaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "certtrack.ca.limits.new-accounts-per-ip.capacity",
                    Integer.toString(ACCOUNTS),
                    "certtrack.ca.limits.new-accounts-per-ip.period",
                    "3h",
                    "certtrack.ca.limits.new-orders-per-account.capacity",
                    Integer.toString(ORDERS),
                    "certtrack.ca.limits.new-orders-per-account.period",
                    "3h",
                    "certtrack.ca.limits.failed-validations-per-account-host.capacity",
                    Integer.toString(FAILURES),
                    "certtrack.ca.limits.failed-validations-per-account-host.period",
                    "1h",
                    "certtrack.ca.limits.operator-calls-per-ip.capacity",
                    Integer.toString(OPERATOR_CALLS),
                    "certtrack.ca.limits.operator-calls-per-ip.period",
                    "1m");
        }
    }

    static final int ACCOUNTS = 5;
    static final int ORDERS = 4;
    static final int FAILURES = 2;
    static final int OPERATOR_CALLS = 3;
    private static final String ERROR = "urn:ietf:params:acme:error:";
    private static final String PROBLEM = "application/problem+json";

    private record Account(ECKey key, String kid) {}

    @Test
    @Order(1)
    void newOrdersPerAccountAreLimited() {
        Account account = newAccount();
        for (int i = 0; i < ORDERS; i++) {
            newOrder(account, Api.domain("orders")).then().statusCode(201);
        }
        Response refused = newOrder(account, Api.domain("orders"));
        long retryAfter = rateLimited(refused);
        refused.then().body("detail", containsString("new orders for this account"));
        System.out.println("new orders per account: " + ORDERS + " created, the next one 429 rateLimited, "
                + "Retry-After " + retryAfter + " s");
        newOrder(newAccount(), Api.domain("orders")).then().statusCode(201);
    }

    @Test
    @Order(2)
    void failedValidationsPerAccountAndHostAreLimited() throws Exception {
        Account account = newAccount();
        String host = Api.domain("failing");
        String other = Api.domain("other");
        DcvServers.dns().txt("_acme-challenge." + host, "not-the-digest");
        DcvServers.dns().txt("_acme-challenge." + other, "not-the-digest");
        for (int i = 0; i < FAILURES; i++) {
            dns01(account, newOrder(account, host))
                    .then()
                    .statusCode(200)
                    .body("status", is("invalid"))
                    .body("error.type", is(ERROR + "incorrectResponse"));
        }
        Response refused = dns01(account, newOrder(account, host));
        long retryAfter = rateLimited(refused);
        refused.then().body("detail", containsString("failed validations of " + host));
        System.out.println("failed validations per account+host: " + FAILURES + " failed, the next attempt 429 "
                + "rateLimited, Retry-After " + retryAfter + " s");
        // Another name of the same account is counted apart.
        dns01(account, newOrder(account, other))
                .then()
                .statusCode(200)
                .body("status", is("invalid"))
                .body("error.type", is(ERROR + "incorrectResponse"));
    }

    @Test
    @Order(3)
    void operatorCallsPerAddressAreLimitedBeforeTheKeyIsChecked() {
        String url = "/api/v1/operator/orders/" + java.util.UUID.randomUUID() + "/organisation-validation";
        for (int i = 0; i < OPERATOR_CALLS; i++) {
            given().header("X-Operator-Key", "guess-" + i)
                    .contentType(ContentType.JSON)
                    .body(Map.of("approved", true))
                    .post(url)
                    .then()
                    .statusCode(401);
        }
        for (String key : new String[] {"guess", Api.OPERATOR_KEY}) {
            Response refused = given().header("X-Operator-Key", key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("approved", true))
                    .post(url);
            refused.then()
                    .statusCode(429)
                    .contentType(PROBLEM)
                    .body("type", is("https://certtrack.example/problems/rate-limited"))
                    .body("status", is(429))
                    .body("detail", containsString("operator calls"));
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            System.out.println("operator calls per address: " + OPERATOR_CALLS + " answered, the next 429 "
                    + "problem, Retry-After " + retryAfter + " s");
        }
    }

    @Test
    @Order(4)
    void newAccountsPerAddressAreLimitedAndExistingAccountsStillFound() {
        ECKey first = null;
        int created = 0;
        Response answer = null;
        for (int i = 0; i <= ACCOUNTS; i++) {
            ECKey key = Acme.ecKey();
            answer = register(key);
            if (answer.statusCode() != 201) {
                break;
            }
            first = first == null ? key : first;
            created++;
        }
        assertTrue(created < ACCOUNTS, "the earlier tests of this class created accounts from this address too");
        long retryAfter = rateLimited(answer);
        answer.then().body("detail", containsString("new accounts from your address"));
        System.out.println("new accounts per address: 429 rateLimited after " + created + " more (limit " + ACCOUNTS
                + " per 3h from 127.0.0.1), Retry-After " + retryAfter + " s");
        if (first != null) {
            assertEquals(200, register(first).statusCode(), "an existing account's key is found, not counted");
        }
    }

    /** Asserts a 429 rateLimited ACME problem with a fresh nonce; returns its Retry-After. */
    private static long rateLimited(Response response) {
        response.then()
                .statusCode(429)
                .contentType(PROBLEM)
                .body("type", is(ERROR + "rateLimited"))
                .body("status", is(429))
                .header("Replay-Nonce", notNullValue());
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3 * 3600, "Retry-After " + retryAfter);
        return retryAfter;
    }

    private static Account newAccount() {
        ECKey key = Acme.ecKey();
        Response created = register(key);
        created.then().statusCode(201);
        return new Account(key, created.header("Location"));
    }

    private static Response register(ECKey key) {
        Acme.Eab eab = Acme.eab();
        return Acme.newAccount(key, Acme.binding(key, eab.keyId(), Acme.hmac(eab), Acme.base() + "/new-account"));
    }

    private static Response newOrder(Account account, String domain) {
        String url = Acme.base() + "/new-order";
        return Acme.post(
                url,
                Acme.jws(account.key(), account.kid(), Acme.nonce(), url, Acme.json(Map.of("identifiers", new Object[] {
                    Map.of("type", "dns", "value", domain)
                }))));
    }

    /** Answers the order's dns-01 challenge, whose TXT record holds a wrong value. */
    private static Response dns01(Account account, Response order) {
        order.then().statusCode(201);
        String authorization = order.jsonPath().getString("authorizations[0]");
        String url = Acme.base() + "/chall/" + authorization.substring(authorization.lastIndexOf('/') + 1) + "/dns-01";
        return Acme.post(url, Acme.jws(account.key(), account.kid(), Acme.nonce(), url, "{}"));
    }
}

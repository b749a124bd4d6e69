package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Acme;
import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;

/**
 * The issuance policy as subscribers meet it: DCV reuse period, CAA, public suffixes and internal names, weak CSR
 * keys and over-long common names, through the order API and ACME.
 */
@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class IssuancePolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String THIS_CA = "ca.certtrack.example";

    @Inject
    EntityManager entityManager;

    @Test
    void aValidationOlderThanTheReusePeriodIsDoneAgain() throws Exception {
        // Within the period (199 of 200 days) the validation still counts: the CSR arriving by reissue issues.
        String recent = Api.domain("reuse-recent");
        String recentOrder = validatedWithoutCsr(recent);
        age(recentOrder, 199);
        JsonPath issued = reissue(recentOrder, Csrs.csr(Csrs.p256(), recent));
        assertEquals("ISSUED", issued.getString("status"));

        // Past the period the domain is validated again, with a new token, before anything is issued.
        String stale = Api.domain("reuse-stale");
        String staleOrder = validatedWithoutCsr(stale);
        String oldToken = token(Api.get(staleOrder));
        age(staleOrder, 201);
        JsonPath waiting = reissue(staleOrder, Csrs.csr(Csrs.p256(), stale));
        assertEquals("PENDING_VALIDATION", waiting.getString("status"));
        assertEquals("PENDING", waiting.getString("domains[0].dcvStatus"));
        assertTrue(
                waiting.getString("domains[0].instructions").contains("older than the DCV reuse period (200 days)"),
                waiting.getString("domains[0].instructions"));
        String newToken = token(waiting);
        assertNotEquals(oldToken, newToken);

        DcvServers.dns().txt("_dnsauth." + stale, newToken);
        assertEquals("ISSUED", check(staleOrder).getString("status"));
    }

    @Test
    void anAcmeAuthorizationOlderThanTheReusePeriodIsNotReusedAtFinalize() throws Exception {
        Login login = login();
        String domain = Api.domain("acme-reuse");
        Order order = ready(login, domain);
        String path = order.getLocation().getPath();
        UUID orderId = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery(
                                "UPDATE acme_authorization SET validated_at = now() - make_interval(days => 201) WHERE order_id = ?1")
                        .setParameter(1, orderId)
                        .executeUpdate());
        AcmeServerException stale = assertThrows(AcmeServerException.class, () -> order.execute(Csrs.p256()));
        assertEquals(URI.create("urn:ietf:params:acme:error:unauthorized"), stale.getType());
        assertTrue(stale.getMessage().contains("older than the CA's DCV reuse period"), stale.getMessage());
    }

    @Test
    void caaNamingAnotherCaBlocksTheOrderUntilItNamesThisCa() throws Exception {
        String domain = Api.domain("caa-order");
        String name = "www." + domain;
        // The record sits on the parent: the search climbs from www.<domain> and stops at the first RRset.
        caa(domain, "issue", "other-ca.example");
        caa(domain, "iodef", "mailto:security@" + domain);
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), name), name, "DNS_TXT"));
        String orderId = created.getString("orderId");
        DcvServers.dns().txt("_dnsauth." + name, token(created));

        JsonPath blocked = check(orderId);
        assertEquals("PENDING_VALIDATION", blocked.getString("status"));
        assertEquals("VALIDATED", blocked.getString("domains[0].dcvStatus"));
        String reason = blocked.getString("rejectionReason");
        assertTrue(
                reason.contains("CAA forbids issuance for " + name)
                        && reason.contains("other-ca.example")
                        && reason.contains("at " + domain),
                reason);

        // An issue record naming another CA and this one: this CA may issue.
        caa(domain, "issue", THIS_CA);
        JsonPath issued = check(orderId);
        assertEquals("ISSUED", issued.getString("status"));
        assertNull(issued.getString("rejectionReason"));
    }

    @Test
    void aCriticalUnknownCaaPropertyBlocks() throws Exception {
        String domain = Api.domain("caa-critical");
        DcvServers.dns()
                .add(new CAARecord(org.xbill.DNS.Name.fromString(domain + "."), DClass.IN, 60, 128, "tbs", "unknown"));
        caa(domain, "issue", THIS_CA);
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        DcvServers.dns().txt("_dnsauth." + domain, token(created));
        JsonPath blocked = check(created.getString("orderId"));
        assertEquals("PENDING_VALIDATION", blocked.getString("status"));
        assertTrue(
                blocked.getString("rejectionReason").contains("critical property 'tbs'"),
                blocked.getString("rejectionReason"));
    }

    @Test
    void acmeFinalizeHonoursCaaIssueIssuewildAccountUriAndValidationMethods() throws Exception {
        Login login = login();
        String accountUrl = login.getAccount().getLocation().toString();
        String domain = Api.domain("caa-acme");
        String wildcard = "*." + domain;
        caa(domain, "issue", "other-ca.example");
        Order order = ready(login, domain);

        AcmeServerException refused = assertThrows(AcmeServerException.class, () -> order.execute(Csrs.p256()));
        assertEquals(URI.create("urn:ietf:params:acme:error:caa"), refused.getType());
        assertTrue(refused.getMessage().contains("other-ca.example"), refused.getMessage());

        // Bound to another account: refused, naming the binding; bound to this account and dns-01: issued.
        DcvServers.dns().remove(domain);
        caa(domain, "issue", THIS_CA + "; accounturi=https://elsewhere.example/acct/1");
        AcmeServerException otherAccount = assertThrows(AcmeServerException.class, () -> order.execute(Csrs.p256()));
        assertEquals(URI.create("urn:ietf:params:acme:error:caa"), otherAccount.getType());
        assertTrue(otherAccount.getMessage().contains("https://elsewhere.example/acct/1"), otherAccount.getMessage());
        DcvServers.dns().remove(domain);
        caa(domain, "issue", THIS_CA + "; validationmethods=http-01");
        AcmeServerException otherMethod = assertThrows(AcmeServerException.class, () -> order.execute(Csrs.p256()));
        assertTrue(otherMethod.getMessage().contains("not dns-01"), otherMethod.getMessage());
        DcvServers.dns().remove(domain);
        caa(domain, "issue", THIS_CA + "; accounturi=" + accountUrl + "; validationmethods=dns-01,http-01");
        order.execute(Csrs.p256());
        assertEquals(Status.VALID, order.waitForCompletion(WAIT));

        // issuewild governs the wildcard even though issue names this CA.
        caa(domain, "issuewild", ";");
        Order wild = ready(login, wildcard);
        AcmeServerException noWildcards = assertThrows(AcmeServerException.class, () -> wild.execute(Csrs.p256()));
        assertEquals(URI.create("urn:ietf:params:acme:error:caa"), noWildcards.getType());
        assertTrue(
                noWildcards.getMessage().contains("'issuewild'")
                        && noWildcards.getMessage().contains("no CA"),
                noWildcards.getMessage());
    }

    @Test
    void publicSuffixesAndInternalNamesAreRefusedAtOrderPlacement() {
        refusedAtOrder("DV_WILDCARD", "*.co.uk", "wildcard directly under the public suffix co.uk");
        refusedAtOrder("DV_SINGLE", "co.uk", "co.uk is a public suffix");
        refusedAtOrder("DV_SINGLE", "com", "not a fully qualified DNS name");
        refusedAtOrder("DV_SINGLE", "intranet.corp", "intranet.corp is an internal name: 'corp' is not a public");
        refusedAtOrder("DV_SINGLE", "host.local", "'local' is not a public top-level domain");
        refusedAtOrder("DV_SINGLE", "server.internal", "'internal' is not a public top-level domain");
        // A registrable domain under a public suffix is fine (its CSR is checked, its DCV starts).
        Api.create(Api.order(
                "DV_SINGLE",
                null,
                "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".example.co.uk",
                "DNS_TXT"));
    }

    @Test
    void publicSuffixesAndInternalNamesAreRejectedIdentifiersAtAcmeNewOrder() throws Exception {
        Login login = login();
        for (String name : new String[] {"*.co.uk", "co.uk", "intranet.corp", "host.local"}) {
            AcmeServerException refused = assertThrows(
                    AcmeServerException.class,
                    () -> login.getAccount().newOrder().domain(name).create(),
                    name);
            assertEquals(URI.create("urn:ietf:params:acme:error:rejectedIdentifier"), refused.getType(), name);
            assertTrue(refused.getMessage().contains(name), refused.getMessage());
        }
    }

    @Test
    void rocaKeysAndLongCommonNamesAreRefusedAtOrderPlacement() {
        String domain = Api.domain("roca");
        api().body(Api.order("DV_SINGLE", Csrs.csr(Csrs.rocaVulnerable(), domain), domain, "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("csr"))
                .body("errors[0].message", containsString("ROCA fingerprint (CVE-2017-15361"));
        // A normal RSA key of the same size passes.
        Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.rsa(2048), domain), domain, "DNS_TXT"));

        String longName = longName();
        assertEquals(65, longName.length());
        api().body(Api.order(
                        "DV_SINGLE",
                        Csrs.pem(Csrs.withCommonName(Csrs.p256(), longName, longName)),
                        longName,
                        "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("csr"))
                .body("errors[0].message", containsString("common name has 65 characters; X.509 allows at most 64"));
    }

    @Test
    void rocaKeysAndLongCommonNamesAreBadCsrsAtAcmeFinalize() throws Exception {
        Login login = login();
        String longName = longName();
        Order order = ready(login, longName);
        byte[] longCnCsr = Csrs.withCommonName(Csrs.p256(), longName, longName).getEncoded();
        AcmeServerException longCn = assertThrows(AcmeServerException.class, () -> order.execute(longCnCsr));
        assertEquals(URI.create("urn:ietf:params:acme:error:badCSR"), longCn.getType());
        assertTrue(longCn.getMessage().contains("65 characters"), longCn.getMessage());
        // The name itself is fine as a SAN: acme4j leaves the CN out, and so does the certificate.
        order.execute(Csrs.p256());
        assertEquals(Status.VALID, order.waitForCompletion(WAIT));
        var leaf = order.getCertificate().getCertificate();
        assertEquals("", leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.17"), "SAN critical under an empty subject");

        String domain = Api.domain("acme-roca");
        Order roca = ready(login, domain);
        AcmeServerException refused =
                assertThrows(AcmeServerException.class, () -> roca.execute(Csrs.rocaVulnerable()));
        assertEquals(URI.create("urn:ietf:params:acme:error:badCSR"), refused.getType());
        assertTrue(refused.getMessage().contains("ROCA"), refused.getMessage());
        roca.execute(Csrs.rsa(2048));
        assertEquals(Status.VALID, roca.waitForCompletion(WAIT));
    }

    private static void refusedAtOrder(String product, String name, String reason) {
        api().body(Api.order(product, null, name, "DNS_TXT"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("domains[0].name"))
                .body("errors[0].message", containsString(reason));
    }

    /** A 65-character name under .test (labels stay within 63). */
    private static String longName() {
        String label = "cn-" + UUID.randomUUID().toString().replace("-", "");
        return label + "." + "x".repeat(65 - label.length() - 6) + ".test";
    }

    private static Login login() throws Exception {
        Acme.Eab eab = Acme.eab();
        return new AccountBuilder()
                .agreeToTermsOfService()
                .withKeyIdentifier(eab.keyId(), eab.hmacKey())
                .useKeyPair(Csrs.p256())
                .createLogin(new Session(URI.create(Acme.directory())));
    }

    /** An ACME order for one name, validated by dns-01, status ready. */
    private static Order ready(Login login, String name) throws Exception {
        Order order = login.getAccount().newOrder().domain(name).create();
        Dns01Challenge challenge = order.getAuthorizations()
                .get(0)
                .findChallenge(Dns01Challenge.class)
                .orElseThrow();
        String base = name.startsWith("*.") ? name.substring(2) : name;
        DcvServers.dns().txt("_acme-challenge." + base, challenge.getDigest());
        challenge.trigger();
        assertEquals(Status.VALID, challenge.waitForCompletion(WAIT));
        assertEquals(Status.READY, order.waitUntilReady(WAIT));
        return order;
    }

    private static String validatedWithoutCsr(String domain) throws Exception {
        JsonPath created = Api.create(Api.order("DV_SINGLE", null, domain, "DNS_TXT"));
        DcvServers.dns().txt("_dnsauth." + domain, token(created));
        JsonPath validated = check(created.getString("orderId"));
        assertEquals("VALIDATED", validated.getString("domains[0].dcvStatus"));
        assertEquals("PENDING_VALIDATION", validated.getString("status"), "no CSR yet");
        return created.getString("orderId");
    }

    /** Moves the domain's validation back in time, as if it had been done that many days ago. */
    private void age(String orderId, int days) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery(
                                "UPDATE order_domain SET validated_at = now() - make_interval(days => ?1) WHERE order_id = ?2")
                        .setParameter(1, days)
                        .setParameter(2, UUID.fromString(orderId))
                        .executeUpdate());
    }

    private static JsonPath reissue(String orderId, String csr) {
        return api().body(Map.of("csr", csr))
                .post("/api/v1/orders/" + orderId + "/reissue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath check(String orderId) {
        return api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String token(JsonPath order) {
        return order.getString("domains[0].dcvValue");
    }

    private static void caa(String name, String tag, String value) throws Exception {
        DcvServers.dns().add(new CAARecord(org.xbill.DNS.Name.fromString(name + "."), DClass.IN, 60, 0, tag, value));
    }
}

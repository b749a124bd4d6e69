package com.certtrack.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestCsr;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A customer's journey over HTTP and SMTP only, against every service running as its own process. */
class CustomerJourneyIT {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\\b");

    @Test
    void orderMailTrackDownloadAndRevealCaasCredentials() throws Exception {
        String email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String domain = "shop-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        TestCsr csr = TestCsr.forDomains(domain);
        String multiDomain = "multi-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        TestCsr multiCsr = TestCsr.forDomains(multiDomain, "www." + multiDomain);

        JsonPath order = given().baseUri(Stack.url("order-service"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "customer",
                        Map.of("name", "Ada Lovelace", "email", email),
                        "lines",
                        List.of(
                                Map.of(
                                        "product",
                                        "DV_SINGLE",
                                        "domains",
                                        List.of(domain),
                                        "dcvMethod",
                                        "HTTP_FILE",
                                        "csr",
                                        csr.pem()),
                                Map.of(
                                        "product",
                                        "DV_MULTI",
                                        "domains",
                                        List.of(multiDomain, "www." + multiDomain),
                                        "dcvMethod",
                                        "DNS_TXT",
                                        "csr",
                                        multiCsr.pem()),
                                Map.of("product", "CAAS", "term", 12))))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderNumber = order.getString("orderNumber");

        // Confirmation, three shipment e-mails (two certificates, one CaaS) and the CaaS notice. The stand-in CA
        // approves validation at once here, so both certificates ship already issued: no separate "issued" mail.
        List<Mailbox.Received> mails = Mailbox.await(email, 5, Duration.ofSeconds(120), Duration.ofSeconds(3));
        assertEquals(5, mails.size(), "no mail twice: " + templates(mails));
        assertEquals(
                1,
                mails.stream()
                        .filter(m -> "order-confirmation".equals(m.template()))
                        .count(),
                templates(mails));
        List<Mailbox.Received> shipments = mails.stream()
                .filter(m -> "shipment".equals(m.template()) || "caas-shipment".equals(m.template()))
                .toList();
        assertEquals(3, shipments.size(), templates(mails));
        assertTrue(
                mails.stream()
                        .allMatch(m ->
                                m.text().contains(orderNumber) || m.subject().contains(orderNumber)),
                "every mail names the order");

        Set<String> references = new LinkedHashSet<>();
        for (Mailbox.Received shipment : shipments) {
            Matcher matcher = REFERENCE.matcher(shipment.text());
            assertTrue(matcher.find(), "a CA Reference in " + shipment.subject());
            references.add(matcher.group());
        }
        assertEquals(3, references.size(), "each line has its own CA Reference");

        X509Certificate root = root();
        int certificates = 0;
        for (String reference : references) {
            JsonPath view = awaitLookup(reference);
            if ("CAAS".equals(view.getString("product"))) {
                given().baseUri(Stack.url("eab-service"))
                        .contentType(ContentType.JSON)
                        .body(Map.of("caReference", reference))
                        .post("/api/caas/credentials")
                        .then()
                        .statusCode(200)
                        .body("eabKeyId", notNullValue())
                        .body("eabHmacKey", notNullValue());
                continue;
            }
            certificates++;
            JsonPath issued = awaitIssued(reference);
            String chain = given().baseUri(Stack.url("tracking-service"))
                    .header("Authorization", "Bearer " + issued.getString("accessToken"))
                    .get("/api/tracking/certificate?format=chain")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            verifyChain(chain, root);
        }
        assertEquals(2, certificates);
    }

    private static JsonPath awaitLookup(String reference) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lookup(reference), r -> r.statusCode() == 200)
                .jsonPath();
    }

    private static JsonPath awaitIssued(String reference) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> lookup(reference).jsonPath(), view -> "ISSUED".equals(view.getString("status")));
    }

    private static io.restassured.response.Response lookup(String reference) {
        return given().baseUri(Stack.url("tracking-service"))
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", "192.0.2.10")
                .body(Map.of("caReference", reference))
                .post("/api/tracking/lookup");
    }

    private static X509Certificate root() throws Exception {
        String pem = given().baseUri(Stack.url("stand-in-ca"))
                .get("/api/v1/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return parse(pem).stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal()))
                .findFirst()
                .orElseThrow();
    }

    private static void verifyChain(String pem, X509Certificate root) throws Exception {
        List<X509Certificate> chain = new ArrayList<>(parse(pem));
        chain.removeIf(root::equals);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    @SuppressWarnings("unchecked")
    private static Collection<X509Certificate> parse(String pem) throws Exception {
        return (Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String templates(List<Mailbox.Received> mails) {
        return mails.stream().map(Mailbox.Received::template).toList().toString();
    }
}

package com.certtrack.order;

import static com.certtrack.order.Orders.REMOVE;
import static com.certtrack.order.Orders.caas;
import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.customer;
import static com.certtrack.order.Orders.order;
import static com.certtrack.order.Orders.orderBy;
import static com.certtrack.order.Orders.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.certtrack.testsupport.CertTrackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad order gets a 4xx problem+json naming the field and why, and nothing is placed. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class InvalidOrderTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void invalidOrderIsAProblemNamingTheField(String why, Object body, String field) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", startsWith("https://certtrack.example/problems/"))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", not(nullValue()));
    }

    static Stream<Arguments> invalidOrders() {
        Map<String, Object> dv = certificate("DV_SINGLE", "HTTP_FILE", "example.com");
        return Stream.of(
                // the order as a whole
                bad("no customer and no lines", Map.of(), "lines"),
                bad("no customer", with(order(dv), "customer", REMOVE), "customer"),
                bad("no lines", orderBy(customer()), "lines"),
                bad("too many lines", order(Collections.nCopies(21, dv).toArray()), "lines"),
                bad("a line that is null", order((Object) null), "lines[0]"),
                bad("lines not an array", Map.of("customer", customer(), "lines", "DV_SINGLE"), "lines"),
                // customer
                bad("no name", orderBy(with(customer(), "name", REMOVE), dv), "customer.name"),
                bad("blank name", orderBy(with(customer(), "name", "   "), dv), "customer.name"),
                bad("name too long", orderBy(with(customer(), "name", "x".repeat(201)), dv), "customer.name"),
                bad("no e-mail", orderBy(with(customer(), "email", REMOVE), dv), "customer.email"),
                bad("e-mail without @", orderBy(with(customer(), "email", "jane.example.com"), dv), "customer.email"),
                bad(
                        "e-mail with a one-label domain",
                        orderBy(with(customer(), "email", "jane@localhost"), dv),
                        "customer.email"),
                bad(
                        "OV without organisation",
                        order(certificate("OV_SINGLE", "EMAIL", "example.com")),
                        "customer.organisation"),
                bad(
                        "EV_MULTI without organisation",
                        order(dv, certificate("EV_MULTI", "DNS_TXT", "example.com", "www.example.com")),
                        "customer.organisation"),
                // product and DCV method
                bad("no product", order(with(dv, "product", REMOVE)), "lines[0].product"),
                bad("unknown product", order(dv, with(dv, "product", "DV_PLATINUM")), "lines[1].product"),
                bad("no DCV method", order(with(dv, "dcvMethod", REMOVE)), "lines[0].dcvMethod"),
                bad("unknown DCV method", order(with(dv, "dcvMethod", "FAX")), "lines[0].dcvMethod"),
                bad(
                        "HTTP_FILE for a wildcard",
                        order(certificate("DV_WILDCARD", "HTTP_FILE", "*.example.com")),
                        "lines[0].dcvMethod"),
                // domains
                bad("no domains", order(with(dv, "domains", List.of())), "lines[0].domains"),
                bad(
                        "two domains on a single product",
                        order(certificate("DV_SINGLE", "EMAIL", "example.com", "www.example.com")),
                        "lines[0].domains"),
                bad(
                        "underscore in a domain",
                        order(certificate("DV_SINGLE", "EMAIL", "my_shop.example.com")),
                        "lines[0].domains[0]"),
                bad(
                        "second SAN with an empty label",
                        order(certificate("DV_MULTI", "EMAIL", "example.com", "bad..example.com")),
                        "lines[0].domains[1]"),
                bad(
                        "label of 64 characters",
                        order(certificate("DV_SINGLE", "EMAIL", "a".repeat(64) + ".com")),
                        "lines[0].domains[0]"),
                bad(
                        "name over 253 characters",
                        order(certificate("DV_SINGLE", "EMAIL", ("a".repeat(60) + ".").repeat(4) + "example.com")),
                        "lines[0].domains[0]"),
                bad("single label", order(certificate("DV_SINGLE", "EMAIL", "localhost")), "lines[0].domains[0]"),
                bad("IP address", order(certificate("DV_SINGLE", "EMAIL", "192.0.2.10")), "lines[0].domains[0]"),
                bad(
                        "leading hyphen",
                        order(certificate("DV_SINGLE", "EMAIL", "-shop.example.com")),
                        "lines[0].domains[0]"),
                bad(
                        "wildcard on a single product",
                        order(certificate("DV_SINGLE", "EMAIL", "*.example.com")),
                        "lines[0].domains[0]"),
                bad(
                        "wildcard product without a wildcard",
                        order(certificate("DV_WILDCARD", "EMAIL", "example.com")),
                        "lines[0].domains[0]"),
                bad(
                        "wildcard product with two domains",
                        order(certificate("OV_WILDCARD", "EMAIL", "*.example.com", "*.example.org")),
                        "lines[0].domains"),
                bad(
                        "wildcard not leftmost",
                        order(certificate("DV_WILDCARD", "EMAIL", "www.*.example.com")),
                        "lines[0].domains[0]"),
                bad(
                        "duplicate SAN (case and IDN folded)",
                        order(certificate("DV_MULTI", "EMAIL", "bücher.example", "XN--BCHER-KVA.example")),
                        "lines[0].domains[1]"),
                bad("more SANs than allowed", order(certificate("DV_MULTI", "EMAIL", sans(101))), "lines[0].domains"),
                bad("term on a certificate line", order(with(dv, "term", 12)), "lines[0].term"),
                // CaaS
                bad("CaaS without term", order(caas(null)), "lines[0].term"),
                bad("CaaS term not on sale", order(caas(18)), "lines[0].term"),
                bad("CaaS term not a number", order(Orders.map("product", "CAAS", "term", "twelve")), "lines[0].term"),
                bad("CaaS with domains", order(with(caas(12), "domains", List.of("example.com"))), "lines[0].domains"),
                // CSR
                bad("CSR that is not PEM", order(with(dv, "csr", "hello")), "lines[0].csr"),
                bad(
                        "CSR with damaged base64",
                        order(with(
                                dv,
                                "csr",
                                "-----BEGIN CERTIFICATE REQUEST-----\nMIIB!!!\n-----END CERTIFICATE REQUEST-----")),
                        "lines[0].csr"),
                bad(
                        "CSR with a 1024-bit RSA key",
                        order(with(dv, "csr", TestCsrs.rsa(1024, "example.com"))),
                        "lines[0].csr"),
                bad(
                        "CSR on curve secp256k1",
                        order(with(dv, "csr", TestCsrs.ec("secp256k1", "example.com"))),
                        "lines[0].csr"),
                bad("CSR signed with SHA-1", order(with(dv, "csr", TestCsrs.rsaSha1("example.com"))), "lines[0].csr"),
                bad(
                        "CSR with an altered signature",
                        order(with(dv, "csr", TestCsrs.tampered("example.com"))),
                        "lines[0].csr"),
                bad(
                        "CSR for other names",
                        order(with(dv, "csr", TestCsrs.ec("secp256r1", "example.com", "evil.example"))),
                        "lines[0].csr"));
    }

    private static Arguments bad(String why, Object body, String field) {
        return Arguments.of(why, body, field);
    }

    private static String[] sans(int count) {
        List<String> names = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> names.add("host" + i + ".example.com"));
        return names.toArray(String[]::new);
    }
}

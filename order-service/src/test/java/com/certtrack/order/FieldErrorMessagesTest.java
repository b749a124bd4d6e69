package com.certtrack.order;

import static com.certtrack.order.Orders.caas;
import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.customer;
import static com.certtrack.order.Orders.order;
import static com.certtrack.order.Orders.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.certtrack.testsupport.CertTrackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong type or an unknown value is answered with the field, the expected type and the accepted values. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class FieldErrorMessagesTest {

    private static final String TERMS =
            "must be a whole number of months, one of 12, 24, 36 (or an ISO-8601 period: P1Y, P2Y, P3Y)";

    @Test
    void caasTermNotANumberNamesTheAcceptedTerms() {
        problem(order(Orders.map("product", "CAAS", "term", "twelve")), "lines[0].term", TERMS);
        problem(order(Orders.map("product", "CAAS", "term", true)), "lines[0].term", TERMS);
    }

    @Test
    void caasTermNotOnSaleNamesTheAcceptedTerms() {
        problem(order(caas(18)), "lines[0].term", "must be one of 12, 24, 36 (months) or P1Y, P2Y, P3Y, not 18");
        problem(
                order(Orders.map("product", "CAAS", "term", "P5Y")),
                "lines[0].term",
                "must be one of 12, 24, 36 (months) or P1Y, P2Y, P3Y, not 60");
    }

    @Test
    void isoPeriodsAreAcceptedAsTerms() {
        for (Map.Entry<String, Integer> term :
                Map.of("P1Y", 12, "P24M", 24, "p3y", 36, "P2Y12M", 36).entrySet()) {
            given().contentType(ContentType.JSON)
                    .body(order(Orders.map("product", "CAAS", "term", term.getKey())))
                    .post("/api/orders")
                    .then()
                    .statusCode(201)
                    .body("lines[0].product", equalTo("CAAS"))
                    .body("lines[0].term", equalTo(term.getValue()));
        }
    }

    @Test
    void unknownProductAndDcvMethodNameTheAcceptedValues() {
        problem(
                order(certificate("DV_SINGLES", "EMAIL", "example.com")),
                "lines[0].product",
                "'DV_SINGLES' is not a product; one of DV_SINGLE, DV_WILDCARD, DV_MULTI, OV_SINGLE, OV_WILDCARD, "
                        + "OV_MULTI, EV_SINGLE, EV_MULTI, CAAS");
        given().contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "FAX", "example.com")))
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.find { it.field == 'lines[0].dcvMethod' }.message",
                        equalTo("'FAX' is not a DCV method; one of EMAIL, HTTP_FILE, DNS_TXT, DNS_CNAME"));
    }

    @Test
    void wrongJsonTypeNamesTheExpectedType() {
        problem(Map.of("customer", customer(), "lines", "DV_SINGLE"), "lines", "must be an array");
        problem(
                order(with(certificate("DV_SINGLE", "EMAIL", "example.com"), "product", Map.of("a", 1))),
                "lines[0].product",
                "must be a string");
        problem(Map.of("customer", "Jane", "lines", java.util.List.of(caas(12))), "customer", "must be an object");
    }

    private static void problem(Object body, String field, String message) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }
}

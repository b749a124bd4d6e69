package com.certtrack.order;

import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.order;
import static com.certtrack.order.Orders.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.certtrack.testsupport.CertTrackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A renewal names the line it renews; that line id travels in OrderPlaced, a malformed one is a 400. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class RenewalOfTest {

    private static final Schema ORDER_PLACED_SCHEMA = SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12)
            .getSchema(RenewalOfTest.class.getResourceAsStream("/schemas/OrderPlaced.json"));

    @Test
    void aRenewalCarriesTheRenewedLineIdIntoOrderPlaced() throws Exception {
        String first = given().contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "DNS_TXT", "renew.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("lines[0].lineId");
        // Typed in lower case with spaces around: the canonical line id is kept.
        String number = given().contentType(ContentType.JSON)
                .body(order(
                        with(
                                certificate("DV_SINGLE", "DNS_TXT", "renew.example.com"),
                                "renewalOf",
                                " " + first.toLowerCase() + " "),
                        certificate("DV_SINGLE", "DNS_TXT", "new.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("lines[0].renewalOf", equalTo(first))
                .body("lines[1].renewalOf", nullValue())
                .extract()
                .path("orderNumber");
        given().get("/api/orders/" + number).then().statusCode(200).body("lines[0].renewalOf", equalTo(first));

        try (OrdersTopic topic = new OrdersTopic()) {
            var records = topic.recordsFor(Set.of(number), 1, Duration.ofSeconds(30), Duration.ofMillis(500));
            assertThat(records, hasSize(1));
            assertThat(ORDER_PLACED_SCHEMA.validate(records.get(0).value(), InputFormat.JSON), empty());
            JsonNode lines = new ObjectMapper().readTree(records.get(0).value()).path("lines");
            assertThat(lines.get(0).path("renewalOf").asText(), is(first));
            assertThat(
                    lines.get(1).path("renewalOf").isNull()
                            || lines.get(1).path("renewalOf").isMissingNode(),
                    is(true));
        }
    }

    @Test
    void aRenewalOfSomethingThatIsNotALineIdIsA400Problem() {
        for (String bad : new String[] {
            "", "CT-0000000000", "CT-0000000000-0", "7K3M-9Q2X-AB4D-EF5H-J", "CT-00000000I0-1", "../../etc"
        }) {
            given().contentType(ContentType.JSON)
                    .body(order(with(certificate("DV_SINGLE", "DNS_TXT", "renew.example.com"), "renewalOf", bad)))
                    .post("/api/orders")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("lines[0].renewalOf"))
                    .body("errors[0].message", containsString("not a line id"));
        }
    }
}

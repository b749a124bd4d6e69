package com.certtrack.order;

import static com.certtrack.order.Orders.caas;
import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.customer;
import static com.certtrack.order.Orders.order;
import static com.certtrack.order.Orders.orderBy;
import static com.certtrack.order.Orders.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.certtrack.contracts.Topics;
import com.certtrack.testsupport.CertTrackTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class OrderPlacementTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final Schema ORDER_PLACED_SCHEMA = SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12)
            .getSchema(OrderPlacementTest.class.getResourceAsStream("/schemas/OrderPlaced.json"));
    private static final String ORDER_NUMBER = "CT-[0-9A-HJKMNP-TV-Z]{10}";

    @Test
    void threeLineOrderIsPublishedOnceWithEveryLine() throws Exception {
        var body = order(
                certificate("DV_SINGLE", "HTTP_FILE", "www.example.com"),
                certificate("DV_WILDCARD", "DNS_TXT", "*.example.com"),
                caas(12));
        ExtractableResponse<Response> placed = given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/orders/"))
                .body("orderNumber", matchesPattern(ORDER_NUMBER))
                .body("status", equalTo("PLACED"))
                .body("createdAt", not(nullValue()))
                .body("lines.product", equalTo(List.of("DV_SINGLE", "DV_WILDCARD", "CAAS")))
                .body("lines[0].domains", equalTo(List.of("www.example.com")))
                .body("lines[1].domains", equalTo(List.of("*.example.com")))
                .body("lines[2].term", equalTo(12))
                .extract();
        String number = placed.path("orderNumber");
        assertThat(placed.<List<String>>path("lines.lineId"), contains(number + "-1", number + "-2", number + "-3"));

        try (OrdersTopic topic = new OrdersTopic()) {
            List<ConsumerRecord<String, String>> records =
                    topic.recordsFor(Set.of(number), 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
            assertThat(records, hasSize(1));
            ConsumerRecord<String, String> record = records.get(0);
            assertThat(record.topic(), is(Topics.ORDERS));
            assertThat(record.key(), is(number));
            JsonNode event = new ObjectMapper().readTree(record.value());
            assertThat(ORDER_PLACED_SCHEMA.validate(record.value(), InputFormat.JSON), empty());
            assertThat(event.path("eventId").asText(), matchesPattern("[0-9a-f-]{36}"));
            assertThat(
                    OrdersTopic.header(record, "ce_id"),
                    is(event.path("eventId").asText()));
            assertThat(OrdersTopic.header(record, "ce_type"), is("OrderPlaced"));
            assertThat(event.path("eventType").asText(), is("OrderPlaced"));
            assertThat(event.path("orderNumber").asText(), is(number));
            assertThat(event.path("customer").path("email").asText(), is("jane.doe@example.com"));
            JsonNode lines = event.path("lines");
            assertThat(lines.size(), is(3));
            assertThat(lines.get(0).path("lineId").asText(), is(number + "-1"));
            assertThat(lines.get(0).path("product").asText(), is("DV_SINGLE"));
            assertThat(lines.get(0).path("dcvMethod").asText(), is("HTTP_FILE"));
            assertThat(lines.get(1).path("domains").get(0).asText(), is("*.example.com"));
            assertThat(lines.get(2).path("product").asText(), is("CAAS"));
            assertThat(lines.get(2).path("termMonths").asInt(), is(12));
        }
    }

    @Test
    void summaryShowsTheOrderWithoutSecrets() {
        String csr = TestCsrs.rsa(2048, "shop.example.org");
        var body = orderBy(
                with(customer(), "organisation", "Example Ltd"),
                with(certificate("OV_SINGLE", "DNS_CNAME", "shop.example.org"), "csr", csr));
        String number = given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderNumber");

        String summary = given().get("/api/orders/" + number.toLowerCase())
                .then()
                .statusCode(200)
                .body("orderNumber", equalTo(number))
                .body("customer.name", equalTo("Jane Doe"))
                .body("customer.organisation", equalTo("Example Ltd"))
                .body("customer.email", equalTo("j***@example.com"))
                .body("lines[0].lineId", equalTo(number + "-1"))
                .body("lines[0].product", equalTo("OV_SINGLE"))
                .body("lines[0].csrProvided", equalTo(true))
                .extract()
                .asString();
        assertThat(summary, not(containsString("BEGIN CERTIFICATE REQUEST")));
        assertThat(summary, not(containsString("jane.doe")));
    }

    @Test
    void internationalDomainsAreStoredAsPunycodeAndEcCsrsAreAccepted() {
        String csr = TestCsrs.ec("secp384r1", "xn--bcher-kva.example", "www.example.net");
        var body = order(with(certificate("DV_MULTI", "EMAIL", "Bücher.example", "www.example.net."), "csr", csr));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .body("lines[0].domains", equalTo(List.of("xn--bcher-kva.example", "www.example.net")));
    }

    @Test
    void unknownOrderIsA404Problem() {
        given().get("/api/orders/CT-0000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/api/orders/7K3M-9Q2X-AB4D-EF5H-J").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        var body = orderBy(
                with(customer(), "email", "nobody"),
                certificate("DV_MULTI", "HTTP_FILE", "ok.example.com", "bad_name.example.com"),
                caas(7));
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItems("customer.email", "lines[0].domains[1]", "lines[1].term"))
                .body("errors.size()", equalTo(3));
    }

    @Test
    void oversizedBodyIsA413Problem() {
        String big = "a".repeat(600 * 1024);
        given().contentType(ContentType.JSON)
                .body("{\"customer\":{\"name\":\"" + big + "\"}}")
                .post("/api/orders")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void malformedJsonAndWrongMediaTypeAreProblems() {
        given().contentType(ContentType.JSON)
                .body("{\"lines\": [")
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.TEXT)
                .body("hello")
                .post("/api/orders")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void metricsCountOrdersByProductAndShowTheOutbox() {
        given().contentType(ContentType.JSON)
                .body(orderBy(
                        with(customer(), "organisation", "Bank plc"),
                        certificate("EV_SINGLE", "EMAIL", "bank.example")))
                .post("/api/orders")
                .then()
                .statusCode(201);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("certtrack_orders_placed_total{product=\"EV_SINGLE\"}"))
                .body(matchesPattern("(?s).*certtrack_orders_placed_total\\{product=\"EV_SINGLE\"\\} [1-9].*"))
                .body(containsString("certtrack_order_lines_placed_total{product=\"EV_SINGLE\"}"))
                .body(containsString("certtrack_outbox_lag_seconds"))
                .body(containsString("certtrack_outbox_publish_errors_total"));
    }
}

package com.certtrack.order;

import static com.certtrack.order.Orders.caas;
import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.order;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.certtrack.testsupport.CertTrackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a repeated request returns the first order; a reused key with another body is refused. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class IdempotencyTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void replayReturnsTheSameOrderAndPlacesNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        var body = order(certificate("DV_SINGLE", "DNS_TXT", "replay.example.com"), caas(24));
        String number = given().header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue())
                .extract()
                .path("orderNumber");

        given().header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/orders")
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("orderNumber", equalTo(number))
                .body("lines[0].lineId", equalTo(number + "-1"));

        assertThat(
                Database.count(
                        "SELECT count(*) FROM orders.customer_order o JOIN orders.idempotency_key k "
                                + "ON k.order_number = o.order_number WHERE k.idempotency_key = ?",
                        key),
                is(1L));
        assertThat(Database.count("SELECT count(*) FROM orders.outbox_event WHERE message_key = ?", number), is(1L));
    }

    @Test
    void sameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        given().header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "EMAIL", "first.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(201);

        given().header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "EMAIL", "second.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("type", equalTo("https://certtrack.example/problems/idempotency-key-reused"));
    }

    @Test
    void concurrentIdenticalRequestsCreateOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        var body = order(certificate("DV_MULTI", "DNS_CNAME", "race.example.com", "www.race.example.com"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Response> call = () -> given().header("Idempotency-Key", key)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/orders");
                answers.add(pool.submit(call));
            }
            List<String> numbers = new ArrayList<>();
            int created = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode() == 201 || response.statusCode() == 200, is(true));
                created += response.statusCode() == 201 ? 1 : 0;
                numbers.add(response.path("orderNumber"));
            }
            assertThat(created, is(1));
            assertThat(numbers, everyItem(equalTo(numbers.get(0))));
            assertThat(numbers.get(0), not(nullValue()));
            assertThat(
                    Database.count("SELECT count(*) FROM orders.order_line l JOIN orders.customer_order o "
                            + "ON o.order_number = l.order_number WHERE 'race.example.com' = ANY (l.domains)"),
                    is(1L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedKeyIsA400() {
        given().header("Idempotency-Key", "x".repeat(256))
                .contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "EMAIL", "key.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }
}

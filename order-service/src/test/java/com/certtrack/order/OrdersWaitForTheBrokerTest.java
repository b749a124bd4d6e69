package com.certtrack.order;

import static com.certtrack.order.Orders.caas;
import static com.certtrack.order.Orders.certificate;
import static com.certtrack.order.Orders.order;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import com.certtrack.infra.servers.KafkaBroker;
import com.certtrack.testsupport.CertTrackTestResource;
import com.certtrack.testsupport.TestInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Orders placed while the broker is down are accepted, wait in the outbox, and reach orders.v1 exactly once each
 * (by eventId) when the broker is back.
 */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
class OrdersWaitForTheBrokerTest {

    private static final int ORDERS = 5;
    private static final String UNSENT = "SELECT count(*) FROM orders.outbox_event WHERE sent_at IS NULL "
            + "AND message_key = ANY (CAST(? AS text[]))";

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void ordersPlacedDuringABrokerOutageArePublishedOnceWhenItReturns() throws Exception {
        KafkaBroker broker = TestInfrastructure.kafka().process();
        publishedOrderBeforeTheOutage();
        List<String> numbers = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < ORDERS; i++) {
                numbers.add(given().contentType(ContentType.JSON)
                        .body(order(certificate("DV_SINGLE", "DNS_TXT", "outage" + i + ".example.com"), caas(36)))
                        .post("/api/orders")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("orderNumber"));
            }
            assertThat(Database.count(UNSENT, sqlArray(numbers)), is((long) ORDERS));
            // The outbox lag gauge shows the waiting events.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lagSeconds() >= 1.0);
            assertThat(Database.count(UNSENT, sqlArray(numbers)), is((long) ORDERS));
        } finally {
            broker.start();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Database.count(UNSENT, sqlArray(numbers)) == 0);
        List<String> eventIds = Database.strings(
                "SELECT placed_event_id FROM orders.customer_order WHERE order_number = ANY (CAST(? AS text[]))",
                sqlArray(numbers));

        try (OrdersTopic topic = new OrdersTopic()) {
            List<ConsumerRecord<String, String>> records =
                    topic.recordsFor(new HashSet<>(numbers), ORDERS, Duration.ofSeconds(30), Duration.ofSeconds(3));
            Map<String, Long> deliveries = records.stream()
                    .collect(Collectors.groupingBy(
                            record -> OrdersTopic.header(record, "ce_id"), Collectors.counting()));
            assertThat(deliveries.keySet(), containsInAnyOrder(eventIds.toArray()));
            assertThat(Set.copyOf(deliveries.values()), is(Set.of(1L)));
            assertThat(
                    records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()), is(new HashSet<>(numbers)));
        }
    }

    /** A service that has been running has published before: its producer knows the topic's partitions. */
    private static void publishedOrderBeforeTheOutage() {
        String number = given().contentType(ContentType.JSON)
                .body(order(certificate("DV_SINGLE", "EMAIL", "before-outage.example.com")))
                .post("/api/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderNumber");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Database.count(UNSENT, sqlArray(List.of(number))) == 0);
    }

    private static double lagSeconds() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("certtrack_outbox_lag_seconds"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0.0);
    }

    /** A PostgreSQL array literal, for {@code = ANY (CAST(? AS text[]))}. */
    private static String sqlArray(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }
}

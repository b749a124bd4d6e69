package com.certtrack.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every service proves about itself: ready against the real Kafka broker and PostgreSQL, OpenAPI and
 * Prometheus metrics published. A service's {@code ServiceHealthTest} extends this with its Quarkus annotations.
 */
public abstract class ServiceHealthContract {

    @Test
    void readyWithRealKafkaAndDatabase() {
        // Readiness answers 503 for a moment after start, until Kafka answers: wait for it, don't assert once.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", is("UP"))
                        .body(
                                "checks.name",
                                hasItems("Database connections health check", "Kafka connection health check")));
    }

    @Test
    void publishesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}

package com.certtrack.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class ServiceHealthTest {

    @Test
    void readyWithRealDatabase() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", is("UP"))
                        .body("checks.name", hasItems("Database connections health check")));
    }

    @Test
    void publishesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("openapi", containsString("3."))
                .body(containsString("/api/v1/orders"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}

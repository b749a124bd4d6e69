package com.certtrack.ca.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The order API as ca-gateway calls it. */
public final class Api {

    public static final String KEY = "test-ca-gateway-key";
    public static final String OTHER_KEY = "test-other-client-key";
    public static final String OPERATOR_KEY = "test-operator-key";

    static {
        // The CA looks up CAA through the tests' DNS server before every issuance: it must be up (NXDOMAIN: no CAA).
        DcvServers.dns();
    }

    private Api() {}

    public static RequestSpecification api() {
        return given().header("X-Api-Key", KEY).contentType(ContentType.JSON);
    }

    /** A fresh domain under a test-only TLD, so tests never see each other's records. */
    public static String domain(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    public static Map<String, Object> order(String product, String csr, Object... domainAndMethod) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientOrderId", "co-" + UUID.randomUUID());
        body.put("product", product);
        java.util.ArrayList<Map<String, String>> domains = new java.util.ArrayList<>();
        for (int i = 0; i < domainAndMethod.length; i += 2) {
            domains.add(Map.of("name", (String) domainAndMethod[i], "dcvMethod", (String) domainAndMethod[i + 1]));
        }
        body.put("domains", List.copyOf(domains));
        body.put("csr", csr);
        body.put("validityDays", 200);
        return body;
    }

    public static JsonPath create(Map<String, Object> body) {
        return api().body(body)
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public static JsonPath get(String orderId) {
        return api().get("/api/v1/orders/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static JsonPath awaitStatus(String orderId, String status, Duration atMost) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals((last[0] = get(orderId)).getString("status")));
        return last[0];
    }
}

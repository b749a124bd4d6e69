package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Certs;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class OrganisationValidationTest {

    @Test
    void ovOrderWaitsForTheOperatorAfterDcvAndIssuesWithTheOrganisationInTheSubject() throws Exception {
        String domain = Api.domain("ov");
        String orderId = validatedOvOrder(domain);
        JsonPath waiting = Api.get(orderId);
        assertEquals("PENDING_VALIDATION", waiting.getString("status"));
        assertTrue(waiting.getString("domains[0].instructions").contains("organisation validation of Example Ltd"));

        String url = "/api/v1/operator/orders/" + orderId + "/organisation-validation";
        given().contentType("application/json")
                .body(Map.of("approved", true))
                .post(url)
                .then()
                .statusCode(401);
        given().header("X-Operator-Key", "wrong")
                .contentType("application/json")
                .body(Map.of("approved", true))
                .post(url)
                .then()
                .statusCode(401);
        // An API client cannot approve its own organisation.
        given().header("X-Operator-Key", Api.KEY)
                .contentType("application/json")
                .body(Map.of("approved", true))
                .post(url)
                .then()
                .statusCode(401);

        given().header("X-Operator-Key", Api.OPERATOR_KEY)
                .contentType("application/json")
                .body(Map.of("approved", true))
                .post(url)
                .then()
                .statusCode(200)
                .body("status", is("ISSUED"));
        var leaf =
                Certs.parse(Api.get(orderId).getString("certificate.pemChain")).get(0);
        assertEquals(
                "CN=" + domain + ",O=Example Ltd,C=GB",
                leaf.getSubjectX500Principal().getName());
        given().header("X-Operator-Key", Api.OPERATOR_KEY)
                .contentType("application/json")
                .body(Map.of("approved", true))
                .post(url)
                .then()
                .statusCode(409);
    }

    @Test
    void rejectedOrganisationEndsTheOrderWithTheReason() throws Exception {
        String orderId = validatedOvOrder(Api.domain("ev"));
        String url = "/api/v1/operator/orders/" + orderId + "/organisation-validation";
        given().header("X-Operator-Key", Api.OPERATOR_KEY)
                .contentType("application/json")
                .body(Map.of("approved", false))
                .post(url)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("reason"));
        given().header("X-Operator-Key", Api.OPERATOR_KEY)
                .contentType("application/json")
                .body(Map.of("approved", false, "reason", "Company registry shows the company dissolved."))
                .post(url)
                .then()
                .statusCode(200)
                .body("status", is("REJECTED"));
        JsonPath rejected = Api.get(orderId);
        assertEquals("REJECTED", rejected.getString("status"));
        assertEquals("Company registry shows the company dissolved.", rejected.getString("rejectionReason"));
        org.junit.jupiter.api.Assertions.assertNull(rejected.get("certificate"));
    }

    private static String validatedOvOrder(String domain) throws Exception {
        Map<String, Object> body = Api.order("OV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT");
        body.put("organisation", Map.of("name", "Example Ltd", "country", "GB"));
        JsonPath created = Api.create(body);
        String instructions = created.getString("domains[0].instructions");
        DcvServers.dns().txt("_dnsauth." + domain, instructions.substring(instructions.lastIndexOf(' ') + 1));
        String orderId = created.getString("orderId");
        api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .body("domains[0].dcvStatus", is("VALIDATED"));
        return orderId;
    }
}

package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.DcvServers;
import com.certtrack.ca.support.StandInCaTestResource;
import com.certtrack.testsupport.Mailbox;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class DomainActionsTest {

    private static final Pattern TOKEN = Pattern.compile("/dcv/approve\\?token=([0-9a-f]+)");

    @Test
    void aChangedMethodGetsANewTokenAndTargetAndOnlyTheNewRecordValidates() throws Exception {
        String domain = Api.domain("change");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        String orderId = created.getString("orderId");
        String txtToken = created.getString("domains[0].dcvValue");
        assertEquals("_dnsauth." + domain, created.getString("domains[0].dcvTarget"));
        assertTrue(created.getString("domains[0].instructions").endsWith(txtToken));

        JsonPath changed = api().body(Map.of("dcvMethod", "DNS_CNAME"))
                .put("/api/v1/orders/" + orderId + "/domains/" + domain)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("PENDING_VALIDATION", changed.getString("status"));
        assertEquals("DNS_CNAME", changed.getString("domains[0].dcvMethod"));
        assertEquals("PENDING", changed.getString("domains[0].dcvStatus"));
        String target = changed.getString("domains[0].dcvTarget");
        assertTrue(target.matches("[0-9a-f]{32}\\." + Pattern.quote(domain)), target);
        assertNotEquals(txtToken + "." + domain, target, "a new token");
        assertEquals("dcv.ca.certtrack.example", changed.getString("domains[0].dcvValue"));
        assertTrue(changed.getString("domains[0].instructions").contains(target), "instructions follow the method");

        // The old method's record no longer counts.
        DcvServers.dns().txt("_dnsauth." + domain, txtToken);
        JsonPath still = api().post("/api/v1/orders/" + orderId + "/domains/" + domain + "/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("PENDING", still.getString("domains[0].dcvStatus"));
        assertTrue(
                still.getString("domains[0].instructions").contains("Last check: no CNAME record at " + target),
                still.getString("domains[0].instructions"));

        DcvServers.dns().cname(target, changed.getString("domains[0].dcvValue"));
        api().post("/api/v1/orders/" + orderId + "/domains/" + domain.toUpperCase() + "/check")
                .then()
                .statusCode(200)
                .body("status", is("ISSUED"))
                .body("domains[0].dcvStatus", is("VALIDATED"));

        api().body(Map.of("dcvMethod", "DNS_TXT"))
                .put("/api/v1/orders/" + orderId + "/domains/" + domain)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("validated"));
    }

    @Test
    void eachMethodNamesWhatTheCaChecksAndHttpFileServedAtThatUrlValidates() throws Exception {
        String web = Api.domain("web");
        String mail = Api.domain("mail");
        JsonPath created =
                Api.create(Api.order("DV_MULTI", Csrs.csr(Csrs.p256(), web, mail), web, "DNS_TXT", mail, "EMAIL"));
        String orderId = created.getString("orderId");
        assertNull(created.get("domains[1].dcvTarget"));
        assertNull(created.get("domains[1].dcvValue"));

        JsonPath changed = api().body(Map.of("dcvMethod", "HTTP_FILE"))
                .put("/api/v1/orders/" + orderId + "/domains/" + web)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int port = ConfigProvider.getConfig().getValue("certtrack.ca.dcv.http-port", Integer.class);
        URI url = URI.create(changed.getString("domains[0].dcvTarget"));
        assertEquals("http://" + web + ":" + port, url.getScheme() + "://" + url.getHost() + ":" + url.getPort());
        assertTrue(url.getPath().matches("/\\.well-known/pki-validation/[0-9a-f]{32}\\.txt"), url.getPath());
        DcvServers.dns().a(web, "127.0.0.1");
        DcvServers.web().publish(web, url.getPath(), changed.getString("domains[0].dcvValue"));
        JsonPath checked = api().post("/api/v1/orders/" + orderId + "/domains/" + web + "/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of("VALIDATED", "PENDING"), checked.getList("domains.dcvStatus"));
        assertEquals("PENDING_VALIDATION", checked.getString("status"), "the e-mail domain still waits");

        // What does not fit is refused with the reason.
        api().post("/api/v1/orders/" + orderId + "/domains/" + mail + "/check")
                .then()
                .statusCode(409)
                .body("detail", containsString("resend"));
        api().post("/api/v1/orders/" + orderId + "/domains/" + web + "/approval-email")
                .then()
                .statusCode(409)
                .body("detail", containsString("already validated"));
        api().body(Map.of())
                .put("/api/v1/orders/" + orderId + "/domains/" + mail)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("dcvMethod"));
        api().body(Map.of("dcvMethod", "DNS_TXT"))
                .put("/api/v1/orders/" + orderId + "/domains/other.test")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body(Map.of("dcvMethod", "DNS_TXT"))
                .put("/api/v1/orders/" + orderId + "/domains/" + mail)
                .then()
                .statusCode(401);
        given().header("X-Api-Key", Api.OTHER_KEY)
                .contentType("application/json")
                .body(Map.of("dcvMethod", "DNS_TXT"))
                .put("/api/v1/orders/" + orderId + "/domains/" + mail)
                .then()
                .statusCode(404);

        String base = Api.domain("wild");
        String wildcard = "*." + base;
        String wildOrder =
                Api.create(Api.order("DV_WILDCARD", null, wildcard, "DNS_TXT")).getString("orderId");
        api().body(Map.of("dcvMethod", "HTTP_FILE"))
                .put("/api/v1/orders/" + wildOrder + "/domains/" + wildcard)
                .then()
                .statusCode(400)
                .body("errors[0].field", is("dcvMethod"))
                .body("errors[0].message", containsString("wildcard"));
        // A client that percent-encodes the asterisk names the same domain.
        api().urlEncodingEnabled(false)
                .body(Map.of("dcvMethod", "DNS_CNAME"))
                .put("/api/v1/orders/" + wildOrder + "/domains/%2A." + base)
                .then()
                .statusCode(200)
                .body("domains[0].dcvMethod", is("DNS_CNAME"))
                .body("domains[0].dcvTarget", containsString("." + base));

        api().post("/api/v1/orders/" + wildOrder + "/cancel").then().statusCode(200);
        api().body(Map.of("dcvMethod", "DNS_TXT"))
                .put("/api/v1/orders/" + wildOrder + "/domains/" + wildcard)
                .then()
                .statusCode(409)
                .body("detail", containsString("CANCELLED"));
    }

    @Test
    void aResentApprovalMailCarriesANewLinkAndTheOlderLinkStillApproves() {
        String domain = Api.domain("resend");
        String orderId = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "EMAIL"))
                .getString("orderId");
        String first = token(Mailbox.await("hostmaster@" + domain, 1, Duration.ofSeconds(20), Duration.ZERO)
                .get(0)
                .text());

        api().post("/api/v1/orders/" + orderId + "/domains/" + domain + "/approval-email")
                .then()
                .statusCode(200)
                .body("domains[0].dcvStatus", is("PENDING"))
                .body("domains[0].instructions", containsString("was sent to admin@" + domain));
        List<Mailbox.Received> mails =
                Mailbox.await("hostmaster@" + domain, 2, Duration.ofSeconds(20), Duration.ofMillis(500));
        assertEquals(2, mails.size(), "exactly one more e-mail");
        String second = mails.stream()
                .map(m -> token(m.text()))
                .filter(t -> !t.equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the resent e-mail has a new link"));
        assertEquals(2, Mailbox.read("admin@" + domain).size(), "every administrative address again");

        given().formParam("token", first).post("/dcv/approve").then().statusCode(200);
        assertEquals("ISSUED", Api.get(orderId).getString("status"));
        given().get("/dcv/approve?token=" + second).then().statusCode(200).body(containsString(domain));
        api().post("/api/v1/orders/" + orderId + "/domains/" + domain + "/approval-email")
                .then()
                .statusCode(409);
    }

    private static String token(String text) {
        Matcher matcher = TOKEN.matcher(text);
        assertTrue(matcher.find(), text);
        return matcher.group(1);
    }
}

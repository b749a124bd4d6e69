package com.certtrack.tracking.checks;

import static com.certtrack.tracking.checks.ChecksTestData.pending;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import com.certtrack.contracts.Product;
import com.certtrack.testsupport.CertTrackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DCV pre-flight finds, before the CA does, what stops each domain from validating. */
@QuarkusTest
@WithTestResource(CertTrackTestResource.class)
@WithTestResource(ChecksTestResource.class)
class DcvPreflightTest {

    private static final String PATH = "/.well-known/pki-validation/token.txt";

    @Test
    void everyPendingDomainIsCheckedAsTheCaWillAndEachProblemIsNamedWithItsFix() throws Exception {
        var line = ChecksTestData.newLine();
        String b = line.base();
        var dns = ChecksServers.dns();
        var web = ChecksServers.web();
        List<DomainValidation> domains = new ArrayList<>();

        domains.add(pending("txt-missing." + b, DcvMethod.DNS_TXT, "_dnsauth.txt-missing." + b, "tok-1"));
        domains.add(pending("txt-wrong." + b, DcvMethod.DNS_TXT, "_dnsauth.txt-wrong." + b, "tok-2"));
        dns.txt("_dnsauth.txt-wrong." + b, "an-old-token");
        domains.add(pending("txt-ok." + b, DcvMethod.DNS_TXT, "_dnsauth.txt-ok." + b, "tok-3"));
        dns.txt("_dnsauth.txt-ok." + b, "tok-3");
        domains.add(pending("cname-wrong." + b, DcvMethod.DNS_CNAME, "x1.cname-wrong." + b, "dcv.ca.example"));
        dns.cname("x1.cname-wrong." + b, "elsewhere.example");
        domains.add(pending("cname-ok." + b, DcvMethod.DNS_CNAME, "x2.cname-ok." + b, "dcv.ca.example"));
        dns.cname("x2.cname-ok." + b, "dcv.ca.example");
        for (String host : List.of(
                "http-ok",
                "http-404",
                "http-redirect",
                "http-content",
                "http-type",
                "http-www",
                "www.http-www",
                "http-500")) {
            dns.a(host + "." + b, "127.0.0.1");
        }
        dns.a("http-down." + b, "127.0.0.2");
        for (String host : List.of(
                "http-ok",
                "http-404",
                "http-redirect",
                "http-content",
                "http-type",
                "http-www",
                "http-down",
                "http-500")) {
            domains.add(pending(host + "." + b, DcvMethod.HTTP_FILE, "http://" + host + "." + b + PATH, "v-" + host));
        }
        web.reply("http-ok." + b, PATH, new DcvWebServer.Reply(200, "text/plain; charset=utf-8", null, "v-http-ok\n"));
        web.reply(
                "http-redirect." + b,
                PATH,
                new DcvWebServer.Reply(301, "text/html", "https://http-redirect." + b + PATH, ""));
        web.reply("http-content." + b, PATH, new DcvWebServer.Reply(200, null, null, "<html>default page</html>"));
        web.reply("http-type." + b, PATH, new DcvWebServer.Reply(200, "text/html", null, "v-http-type"));
        web.reply("www.http-www." + b, PATH, new DcvWebServer.Reply(200, "text/plain", null, "v-http-www"));
        web.reply("http-500." + b, PATH, new DcvWebServer.Reply(500, "text/plain", null, "oops"));
        domains.add(pending("mail." + b, DcvMethod.EMAIL, null, null));
        domains.add(pending("later." + b, DcvMethod.DNS_TXT, null, null));
        domains.add(new DomainValidation("done." + b, DcvMethod.DNS_TXT, DcvStatus.VALIDATED, null, null, null));
        ChecksTestData.submit(line, Product.DV_MULTI, domains);
        String token = ChecksTestData.token(line);

        JsonPath all = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/tracking/checks/dcv")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("domains", hasSize(domains.size() - 1))
                .extract()
                .jsonPath();
        assertEquals(List.of("DNS_RECORD_MISSING"), codes(all, "txt-missing." + b));
        assertTrue(fix(all, "txt-missing." + b).contains("_dnsauth.txt-missing." + b + ". TXT \"tok-1\""));
        assertEquals(List.of("DNS_WRONG_VALUE"), codes(all, "txt-wrong." + b));
        assertTrue(message(all, "txt-wrong." + b).contains("an-old-token"));
        assertEquals(List.of("OK"), codes(all, "txt-ok." + b));
        assertEquals(true, all.get("domains.find { it.domain == 'txt-ok." + b + "' }.ready"));
        assertEquals(false, all.get("domains.find { it.domain == 'txt-wrong." + b + "' }.ready"));
        assertEquals(List.of("DNS_CNAME_WRONG_TARGET"), codes(all, "cname-wrong." + b));
        assertTrue(message(all, "cname-wrong." + b).contains("elsewhere.example"));
        assertEquals(List.of("OK"), codes(all, "cname-ok." + b));
        assertEquals(List.of("OK"), codes(all, "http-ok." + b));
        assertEquals(List.of("HTTP_NOT_FOUND"), codes(all, "http-404." + b));
        assertEquals(List.of("HTTP_REDIRECT"), codes(all, "http-redirect." + b));
        assertTrue(
                message(all, "http-redirect." + b).contains("https://http-redirect." + b + PATH),
                "the redirect's Location is reported");
        assertEquals(List.of("HTTP_WRONG_CONTENT"), codes(all, "http-content." + b));
        assertTrue(fix(all, "http-content." + b).contains("v-http-content"));
        assertEquals(List.of("HTTP_WRONG_CONTENT_TYPE"), codes(all, "http-type." + b));
        assertEquals(List.of("HTTP_NOT_FOUND", "HTTP_WRONG_HOST"), codes(all, "http-www." + b));
        assertEquals(List.of("HTTP_UNREACHABLE"), codes(all, "http-down." + b));
        assertEquals(List.of("HTTP_BAD_STATUS"), codes(all, "http-500." + b));
        assertEquals(List.of("EMAIL_METHOD"), codes(all, "mail." + b));
        assertEquals(List.of("DCV_DETAILS_UNKNOWN"), codes(all, "later." + b));
        assertEquals("ERROR", all.getString("domains.find { it.domain == 'http-404." + b + "' }.findings[0].severity"));
        assertEquals("HTTP_FILE", all.getString("domains.find { it.domain == 'http-404." + b + "' }.dcvMethod"));

        // One domain on its own; the customer fixed the record meanwhile.
        dns.remove("_dnsauth.txt-wrong." + b);
        dns.txt("_dnsauth.txt-wrong." + b, "tok-2");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("domain", "TXT-WRONG." + b))
                .post("/api/tracking/checks/dcv")
                .then()
                .statusCode(200)
                .body("domains", hasSize(1))
                .body("domains[0].domain", equalTo("txt-wrong." + b))
                .body("domains[0].ready", equalTo(true))
                .body("domains[0].findings[0].code", equalTo("OK"));

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("domain", "not-mine.example"))
                .post("/api/tracking/checks/dcv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("domain"))
                .body("detail", containsString("not a domain of this order line"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/tracking/checks/dcv")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/tracking/checks/dcv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static List<String> codes(JsonPath json, String domain) {
        return json.getList("domains.find { it.domain == '" + domain + "' }.findings.code");
    }

    private static String message(JsonPath json, String domain) {
        return json.getString("domains.find { it.domain == '" + domain + "' }.findings[0].message");
    }

    private static String fix(JsonPath json, String domain) {
        return json.getString("domains.find { it.domain == '" + domain + "' }.findings[0].fix");
    }
}

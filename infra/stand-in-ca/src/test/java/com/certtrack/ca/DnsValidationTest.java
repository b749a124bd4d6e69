package com.certtrack.ca;

import static com.certtrack.ca.support.Api.api;
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
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class DnsValidationTest {

    @Test
    void dnsTxtRecordOnALoopbackDnsServerValidatesOnRecheck() throws Exception {
        String domain = Api.domain("dns-txt");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "DNS_TXT"));
        String orderId = created.getString("orderId");
        String instructions = created.getString("domains[0].instructions");
        assertTrue(
                instructions.startsWith("Publish a DNS TXT record at _dnsauth." + domain + " with the value "),
                instructions);
        String token = instructions.substring(instructions.lastIndexOf(' ') + 1);

        // A wrong record is seen and explained, and the order keeps waiting.
        DcvServers.dns().txt("_dnsauth." + domain, "not-the-token");
        JsonPath waiting = api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("PENDING_VALIDATION", waiting.getString("status"));
        assertEquals("PENDING", waiting.getString("domains[0].dcvStatus"));
        assertTrue(
                waiting.getString("domains[0].instructions")
                        .contains("Last check: the 1 TXT record(s) at _dnsauth." + domain + " do not hold the token."),
                waiting.getString("domains[0].instructions"));

        DcvServers.dns().txt("_dnsauth." + domain, token);
        JsonPath issued = api().post("/api/v1/orders/" + orderId + "/dcv/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("ISSUED", issued.getString("status"));
        assertEquals("VALIDATED", issued.getString("domains[0].dcvStatus"));
        Certs.validate(Certs.parse(issued.getString("certificate.pemChain")), Certs.root());
    }

    @Test
    void dnsCnameToTheCaDomainValidatesAWildcardOnItsBaseDomain() throws Exception {
        String base = Api.domain("dns-cname");
        String wildcard = "*." + base;
        JsonPath created =
                Api.create(Api.order("DV_WILDCARD", Csrs.csr(Csrs.rsa(2048), wildcard), wildcard, "DNS_CNAME"));
        String instructions = created.getString("domains[0].instructions");
        String token = instructions.replaceAll("^Publish a DNS CNAME record ([0-9a-f]+)\\..*$", "$1");
        assertEquals(
                "Publish a DNS CNAME record " + token + "." + base + " pointing to dcv.ca.certtrack.example",
                instructions);

        DcvServers.dns().cname(token + "." + base, "dcv.ca.certtrack.example");
        JsonPath issued = Api.awaitStatus(created.getString("orderId"), "ISSUED", java.time.Duration.ofSeconds(20));
        var leaf = Certs.parse(issued.getString("certificate.pemChain")).get(0);
        assertEquals(
                List.of(wildcard),
                leaf.getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList());
        assertTrue(leaf.getKeyUsage()[2], "RSA leaves allow keyEncipherment");
    }
}

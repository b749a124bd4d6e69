package com.certtrack.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.ca.support.Api;
import com.certtrack.ca.support.Csrs;
import com.certtrack.ca.support.StandInCaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(StandInCaTestResource.class)
class EmailValidationTest {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/dcv/approve\\?token=([0-9a-f]+))");

    @Test
    void approvalMailReadOverImapLeadsToAConfirmPageWhosePostIssuesTheCertificate() throws Exception {
        String domain = Api.domain("dv-mail");
        JsonPath created = Api.create(Api.order("DV_SINGLE", Csrs.csr(Csrs.p256(), domain), domain, "EMAIL"));
        String orderId = created.getString("orderId");

        String body = awaitMail("admin@" + domain);
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), body);
        String token = link.group(2);
        // The approval secret reaches the mailbox only, never the API client.
        JsonPath pending = Api.get(orderId);
        assertTrue(
                pending.getString("domains[0].instructions").contains("admin@" + domain),
                pending.getString("domains[0].instructions"));
        assertFalse(pending.prettify().contains(token));

        String path = URI.create(link.group(1)).getRawPath() + "?"
                + URI.create(link.group(1)).getRawQuery();
        given().get(path)
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString(domain))
                .body(containsString("method=\"post\""));
        assertEquals("PENDING_VALIDATION", Api.get(orderId).getString("status"), "GET alone approves nothing");

        given().formParam("token", token)
                .post("/dcv/approve")
                .then()
                .statusCode(200)
                .body(containsString("approved"));
        JsonPath issued = Api.get(orderId);
        assertEquals("ISSUED", issued.getString("status"));
        assertEquals("VALIDATED", issued.getString("domains[0].dcvStatus"));

        given().get("/dcv/approve?token=0000").then().statusCode(404).contentType("application/problem+json");
    }

    private static String awaitMail(String address) {
        AtomicReference<String> found = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    found.set(readFirst(address));
                    return found.get() != null;
                });
        return found.get();
    }

    private static String readFirst(String address) throws Exception {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect(
                    config.getValue("certtrack.test.imap-host", String.class),
                    config.getValue("certtrack.test.imap-port", Integer.class),
                    address,
                    "any-password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (message.getSubject().contains("Approve the certificate")) {
                        return message.getContent().toString();
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }
}

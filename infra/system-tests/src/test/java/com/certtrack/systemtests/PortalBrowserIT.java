package com.certtrack.systemtests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.reference.CaReference;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestCsr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal as a customer uses it: headless Chromium through nginx, the single origin, against every service as
 * its own process. Order in the form, read the shipment e-mail, track with the CA Reference, watch the status live,
 * download, reissue, reveal CaaS credentials. Screenshots of every page go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/track\\?t=[A-Za-z0-9._~%-]+");

    private static Gateway gateway;
    private static Browser browser;
    private static PortalSteps portal;

    @BeforeAll
    static void start() {
        gateway = Stack.gateway();
        browser = Browser.start();
        portal = new PortalSteps(browser, gateway);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(2)
    void aCaasOrderRevealsItsEabInThePortalAndCertbotIssuesWithIt(@TempDir Path dir) throws Exception {
        Tools.require("acme");
        String email = "caas-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String domain = "www-" + UUID.randomUUID().toString().substring(0, 6) + "." + Stack.DEV_ZONE;

        // 1. A CaaS subscription ordered in the form; its CA Reference comes by e-mail.
        portal.open("/order");
        portal.type("customer-name", "Radia Perlman");
        portal.type("customer-email", email);
        new Select(portal.byId("product")).selectByValue(""); // "No certificate (CaaS only)"
        portal.byId("caas").click();
        browser.screenshot("20-order-caas");
        portal.byId("order-submit").click();
        portal.waitVisible("order-number", 20);
        String reference = ShipmentMails.referenceIn(
                ShipmentMails.await(email, List.of(ShipmentMails.CAAS_SHIPMENT), 1), ShipmentMails.CAAS_SHIPMENT);

        // 2. The EAB credentials, read off the CaaS page.
        portal.open("/caas");
        portal.type("caas-reference", reference);
        portal.byId("caas-submit").click();
        String keyId = portal.waitVisible("eab-key-id", 15).getText().strip();
        String hmacKey = portal.byId("eab-hmac-key").getText().strip();
        String directory = portal.byId("acme-directory").getText().strip();
        browser.screenshot("21-caas-eab");

        // 3. certbot, as the README runs it on the local stack (only the ports of this stack differ).
        Process certbot = new ProcessBuilder(
                        "certbot",
                        "certonly",
                        "--non-interactive",
                        "--standalone",
                        "--http-01-port",
                        Integer.toString(Stack.acmeHttpPort()),
                        "--http-01-address",
                        "127.0.0.1",
                        "--server",
                        directory,
                        "--eab-kid=" + keyId,
                        "--eab-hmac-key=" + hmacKey,
                        "--agree-tos",
                        "--no-eff-email",
                        "-m",
                        email,
                        "-d",
                        domain,
                        "--config-dir",
                        dir.resolve("config").toString(),
                        "--work-dir",
                        dir.resolve("work").toString(),
                        "--logs-dir",
                        dir.resolve("logs").toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(certbot.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(certbot.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), output);
        assertEquals(0, certbot.exitValue(), output);
        List<X509Certificate> chain = Pems.certificates(
                Files.readString(dir.resolve("config/live").resolve(domain).resolve("fullchain.pem")));
        assertTrue(
                chain.get(0).getSubjectX500Principal().getName().contains(domain), "the certificate names " + domain);
        String root = io.restassured.RestAssured.given()
                .baseUri(Stack.url("stand-in-ca"))
                .get("/api/v1/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        chain.get(0).verify(chain.get(1).getPublicKey());
        chain.get(1).verify(Pems.selfSigned(root).getPublicKey()); // chains to the stand-in CA's root
    }

    @Test
    @Order(3) // ends by spending this browser's failed-lookup budget
    void orderTrackLiveDownloadReissueAndRevealThroughThePortal() throws Exception {
        String email = "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String domain = "portal-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";

        // 1. Order in the form: a DV certificate with a CSR, and a CaaS subscription.
        portal.orderCertificate(
                "Grace Hopper",
                email,
                domain,
                "HTTP_FILE",
                TestCsr.forDomains(domain).pem(),
                true,
                "01-order-form");
        browser.screenshot("02-order-placed");

        // 2. The shipment e-mails carry one CA Reference per line.
        List<Mailbox.Received> shipments =
                ShipmentMails.await(email, List.of(ShipmentMails.SHIPMENT, ShipmentMails.CAAS_SHIPMENT), 2);
        String certificateReference = ShipmentMails.referenceIn(shipments, ShipmentMails.SHIPMENT);
        String caasReference = ShipmentMails.referenceIn(shipments, ShipmentMails.CAAS_SHIPMENT);

        // 3. A wrong reference gets a friendly answer, not a code.
        portal.open("/");
        browser.screenshot("03-track-form");
        portal.type("reference", CaReference.generate());
        portal.byId("lookup-submit").click();
        WebElement error = portal.waitVisible("lookup-error", 15);
        assertTrue(error.getText().contains("could not find a certificate"), error.getText());
        browser.screenshot("04-track-wrong-reference");

        // 4. The right one opens the status; it turns ISSUED by live updates, without a reload.
        portal.type("reference", certificateReference);
        portal.byId("lookup-submit").click();
        portal.waitVisible("status-view", 15);
        assertEquals("/status", portal.path(), "the reference stays out of the address");
        assertFalse(
                ((String) portal.js("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
                        .contains(certificateReference.replace("-", "").substring(0, 8)),
                "the reference is never stored");
        portal.js("window.__sameDocument = true");
        browser.screenshot("05-status");
        portal.awaitStatus("ISSUED", 120);
        assertEquals(Boolean.TRUE, portal.js("return window.__sameDocument === true"), "updated without a reload");
        assertTrue(portal.byId("domains").getText().contains(domain), "the domain is listed");
        assertTrue(
                portal.byId("domains").getText().contains("Validated"),
                portal.byId("domains").getText());
        portal.waitVisible("certificate-section", 10);
        portal.awaitText("live", "Live", 10);
        browser.screenshot("06-status-issued");

        // 5. Download the full chain: a real certificate for the domain.
        Path chainFile = portal.download("chain", 20); // the file of this click: the journey before downloaded too
        List<X509Certificate> chain = Pems.certificates(Files.readString(chainFile));
        assertTrue(chain.size() >= 2, "leaf and intermediate");
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains(domain));
        String firstSerial = portal.byId("cert-serial").getText();

        // 6. Reissue: a wrong CSR is explained, a new CSR is accepted and the new certificate appears live.
        portal.setValue("csr", "-----BEGIN CERTIFICATE REQUEST-----\nnot a request\n-----END CERTIFICATE REQUEST-----");
        portal.byId("reissue-submit").click();
        WebElement reissueError = portal.waitVisible("reissue-error", 15);
        assertFalse(reissueError.getText().isBlank());
        portal.scrollTo("reissue-section");
        browser.screenshot("07-reissue-bad-csr");
        portal.setValue("csr", TestCsr.forDomains(domain).pem());
        portal.byId("reissue-submit").click();
        portal.waitVisible("reissue-done", 15);
        browser.screenshot("08-reissue-requested");
        browser.waiting(Duration.ofSeconds(120))
                .until(d -> !portal.byId("cert-serial").getText().equals(firstSerial)
                        && "ISSUED".equals(portal.byId("status-badge").getAttribute("data-status")));
        assertNotEquals(firstSerial, portal.byId("cert-serial").getText());
        assertEquals(Boolean.TRUE, portal.js("return window.__sameDocument === true"), "reissued without a reload");
        assertTrue(
                portal.byId("timeline").getText().contains("Reissue requested"),
                portal.byId("timeline").getText());
        browser.screenshot("09-reissued");

        // 7. The shipment e-mail's link: the reissue above withdrew every earlier link and token of the line, so
        // the page asks for the CA Reference instead (TokenPurposeTest covers what a live link opens).
        Mailbox.Received shipment = shipments.stream()
                .filter(m -> "shipment".equals(m.template()))
                .findFirst()
                .orElseThrow();
        Matcher link = LINK.matcher(shipment.text());
        assertTrue(link.find(), "a portal link in the shipment e-mail");
        browser.driver.get(link.group());
        assertTrue(
                portal.waitVisible("lookup-error", 15).getText().contains("expired or is not valid"),
                "the reissue withdrew the link");
        assertFalse(browser.driver.getCurrentUrl().contains("t="), "the link token leaves the address bar");
        browser.screenshot("10-withdrawn-email-link");

        // 8. CaaS credentials, within the seven days, with client commands.
        portal.open("/caas");
        browser.screenshot("11-caas-form");
        portal.type("caas-reference", caasReference);
        portal.byId("caas-submit").click();
        WebElement keyId = portal.waitVisible("eab-key-id", 15);
        assertFalse(keyId.getText().isBlank());
        assertFalse(portal.byId("eab-hmac-key").getText().isBlank());
        assertTrue(portal.byId("caas-result").getText().contains("certbot"), "client snippets");
        browser.screenshot("12-caas-credentials");

        // 9. Phone width: the tracking page and the status page still read well.
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        portal.open("/");
        browser.screenshot("13-phone-track-form");
        portal.type("reference", certificateReference);
        portal.byId("lookup-submit").click();
        portal.waitVisible("status-view", 15);
        portal.awaitStatus("ISSUED", 30);
        browser.screenshot("14-phone-status");
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));

        // 10. Too many wrong references from one client: a wait message, and the button waits too.
        portal.open("/");
        String message = "";
        for (int attempt = 0; attempt < 15 && !message.contains("wait"); attempt++) {
            portal.type("reference", CaReference.generate());
            portal.js("document.getElementById('lookup-error').hidden = true");
            portal.byId("lookup-submit").click();
            message = portal.waitVisible("lookup-error", 15).getText();
        }
        assertTrue(message.contains("Too many attempts") && message.contains("wait"), message);
        assertFalse(portal.byId("lookup-submit").isEnabled(), "the button waits for the Retry-After time");
        browser.screenshot("15-track-rate-limited");

        // No credential in the gateway's access log: paths only, never query strings.
        String log = Files.readString(gateway.accessLog());
        assertFalse(
                log.contains("access_token") || log.contains("t=") || log.contains(certificateReference),
                "the access log holds no token or reference");
    }

    @Test
    @Order(1)
    void aCertificateOrderedWithoutACsrAsksForItAndIssuesOnceItIsSubmittedInThePortal() throws Exception {
        String email = "no-csr-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String domain = "no-csr-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";

        // 1. Ordered in the form without a CSR ("optional; you can send it later").
        portal.orderCertificate("Katherine Johnson", email, domain, "HTTP_FILE", "", false, "16-order-without-csr");
        String reference = ShipmentMails.referenceIn(
                ShipmentMails.await(email, List.of(ShipmentMails.SHIPMENT), 1), ShipmentMails.SHIPMENT);

        // 2. The status names the next step, with the command that makes a key and CSR; no "nothing to do".
        portal.track(reference);
        portal.waitVisible("csr-section", 60);
        assertEquals("PENDING_VALIDATION", portal.byId("status-badge").getAttribute("data-status"));
        assertTrue(portal.byId("csr-command").getText().contains("openssl req -new"), "the openssl command");
        assertTrue(portal.byId("csr-command").getText().contains("DNS:" + domain), "for the line's domain");
        assertFalse(
                portal.byId("domains").getText().contains("Nothing to do"),
                portal.byId("domains").getText());
        assertFalse(portal.byId("reissue-section").isDisplayed(), "not the reissue form");
        portal.scrollTo("csr-section");
        browser.screenshot("17-status-awaiting-csr");

        // 3. A private key pasted by mistake is refused in the page; the CSR is taken and the line issues live.
        portal.setValue("first-csr", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----");
        portal.byId("csr-submit").click();
        assertTrue(portal.waitVisible("csr-error", 10).getText().contains("private key"));
        TestCsr csr = TestCsr.forDomains(domain);
        portal.setValue("first-csr", csr.pem());
        portal.byId("csr-submit").click();
        portal.waitVisible("csr-done", 15);
        browser.screenshot("18-csr-submitted");
        portal.awaitStatus("ISSUED", 120);
        portal.waitVisible("certificate-section", 10);
        assertFalse(portal.byId("csr-section").isDisplayed(), "the CSR form is gone once issued");

        // 4. The "issued" e-mail arrives; the chain and the intermediates download from the portal and verify.
        ShipmentMails.await(email, List.of(ShipmentMails.SHIPMENT, ShipmentMails.ISSUED), 2);
        List<X509Certificate> chain = Pems.certificates(Files.readString(portal.download("chain", 20)));
        assertArrayEquals(
                csr.keyPair().getPublic().getEncoded(),
                chain.get(0).getPublicKey().getEncoded(),
                "the certificate is for the key of the submitted CSR");
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains(domain));
        Path intermediatesFile = portal.downloadFrom(portal.byCss("a[href='/api/intermediates']"), 20);
        List<X509Certificate> intermediates = Pems.certificates(Files.readString(intermediatesFile));
        X509Certificate issuer = intermediates.stream()
                .filter(c -> c.getSubjectX500Principal().equals(chain.get(0).getIssuerX500Principal()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the leaf's issuer is among the intermediates"));
        chain.get(0).verify(issuer.getPublicKey());
        String root = io.restassured.RestAssured.given()
                .baseUri(Stack.url("stand-in-ca"))
                .get("/api/v1/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        issuer.verify(Pems.selfSigned(root).getPublicKey()); // and it chains to the stand-in CA's root
        browser.screenshot("19-issued-after-csr");
    }

    @Test
    @Order(4)
    void gatewayServesTlsWithACertificateOfTheStandInCaAndTheSecurityHeaders() throws Exception {
        String root = io.restassured.RestAssured.given()
                .baseUri(Stack.url("stand-in-ca"))
                .get("/api/v1/intermediates")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        X509Certificate anchor = Pems.selfSigned(root);
        String tls = TlsProbe.get("127.0.0.1", gateway.tlsPort(), Gateway.TLS_NAME, "/", anchor);
        assertTrue(tls.startsWith("HTTP/1.1 200"), tls.lines().findFirst().orElse(""));
        assertTrue(tls.contains("\r\nStrict-Transport-Security: max-age="), "HSTS on TLS");
        assertTrue(tls.contains("\r\nReferrer-Policy: no-referrer\r\n"));
        assertTrue(tls.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        String csp = tls.lines()
                .filter(l -> l.startsWith("Content-Security-Policy:"))
                .findFirst()
                .orElse("");
        assertTrue(
                csp.contains("script-src 'self'")
                        && csp.contains("frame-ancestors 'none'")
                        && !csp.contains("unsafe-inline"),
                csp);

        var plain = io.restassured.RestAssured.given().baseUri(gateway.url()).get("/");
        assertEquals(200, plain.statusCode());
        assertEquals(null, plain.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
        io.restassured.RestAssured.given()
                .baseUri(gateway.url())
                .get("/api/tracking/../../q/health")
                .then()
                .statusCode(org.hamcrest.Matchers.not(200));
        io.restassured.RestAssured.given()
                .baseUri(gateway.url())
                .contentType("application/json")
                .body("{\"csr\":\"" + "A".repeat(100_000) + "\"}")
                .post("/api/tracking/reissue")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Request too large"));
        io.restassured.RestAssured.given()
                .baseUri(gateway.url())
                .get("/api/intermediates")
                .then()
                .statusCode(200)
                .header("Referrer-Policy", "no-referrer");
    }
}

package com.certtrack.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.support.reference.CaReference;
import com.certtrack.testsupport.Mailbox;
import com.certtrack.testsupport.TestCsr;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal as a customer uses it: headless Chromium through nginx, the single origin, against every service as
 * its own process. Order in the form, read the shipment e-mail, track with the CA Reference, watch the status live,
 * download, reissue, reveal CaaS credentials. Screenshots of every page go to target/screenshots.
 */
class PortalBrowserIT {

    private static final Pattern REFERENCE =
            Pattern.compile("\\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\\b");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/track\\?t=[A-Za-z0-9._~%-]+");

    private static Gateway gateway;
    private static Browser browser;

    @BeforeAll
    static void start() {
        gateway = Stack.gateway();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void orderTrackLiveDownloadReissueAndRevealThroughThePortal() throws Exception {
        String email = "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String domain = "portal-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";

        // 1. Order in the form: a DV certificate with a CSR, and a CaaS subscription.
        open("/order");
        type("customer-name", "Grace Hopper");
        type("customer-email", email);
        new Select(byId("product")).selectByValue("DV_SINGLE");
        type("domains", domain);
        new Select(byId("dcv-method")).selectByValue("HTTP_FILE");
        setValue("order-csr", TestCsr.forDomains(domain).pem());
        byId("caas").click();
        browser.screenshot("01-order-form");
        byId("order-submit").click();
        WebElement orderNumber = waitVisible("order-number", 20);
        assertFalse(orderNumber.getText().isBlank());
        browser.screenshot("02-order-placed");

        // 2. The shipment e-mails carry one CA Reference per line.
        List<Mailbox.Received> shipments = awaitMails(email, List.of("shipment", "caas-shipment"), 2);
        String certificateReference = reference(shipments, "shipment");
        String caasReference = reference(shipments, "caas-shipment");

        // 3. A wrong reference gets a friendly answer, not a code.
        open("/");
        browser.screenshot("03-track-form");
        type("reference", CaReference.generate());
        byId("lookup-submit").click();
        WebElement error = waitVisible("lookup-error", 15);
        assertTrue(error.getText().contains("could not find a certificate"), error.getText());
        browser.screenshot("04-track-wrong-reference");

        // 4. The right one opens the status; it turns ISSUED by live updates, without a reload.
        type("reference", certificateReference);
        byId("lookup-submit").click();
        waitVisible("status-view", 15);
        assertEquals("/status", path(), "the reference stays out of the address");
        assertFalse(((String) js("return JSON.stringify(sessionStorage) + JSON.stringify(localStorage)"))
                .contains(certificateReference.replace("-", "").substring(0, 8)), "the reference is never stored");
        js("window.__sameDocument = true");
        browser.screenshot("05-status");
        awaitStatus("ISSUED", 120);
        assertEquals(Boolean.TRUE, js("return window.__sameDocument === true"), "updated without a reload");
        assertTrue(byId("domains").getText().contains(domain), "the domain is listed");
        assertTrue(byId("domains").getText().contains("Validated"), byId("domains").getText());
        waitVisible("certificate-section", 10);
        awaitText("live", "Live", 10);
        browser.screenshot("06-status-issued");

        // 5. Download the full chain: a real certificate for the domain.
        byCss("button.download[data-format='chain']").click();
        Path chainFile = awaitDownload("-fullchain.pem", 20);
        List<X509Certificate> chain = certificates(Files.readString(chainFile));
        assertTrue(chain.size() >= 2, "leaf and intermediate");
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains(domain));
        String firstSerial = byId("cert-serial").getText();

        // 6. Reissue: a wrong CSR is explained, a new CSR is accepted and the new certificate appears live.
        setValue("csr", "-----BEGIN CERTIFICATE REQUEST-----\nnot a request\n-----END CERTIFICATE REQUEST-----");
        byId("reissue-submit").click();
        WebElement reissueError = waitVisible("reissue-error", 15);
        assertFalse(reissueError.getText().isBlank());
        scrollTo("reissue-section");
        browser.screenshot("07-reissue-bad-csr");
        setValue("csr", TestCsr.forDomains(domain).pem());
        byId("reissue-submit").click();
        waitVisible("reissue-done", 15);
        browser.screenshot("08-reissue-requested");
        browser.waiting(Duration.ofSeconds(120)).until(d -> !byId("cert-serial").getText().equals(firstSerial)
                && "ISSUED".equals(byId("status-badge").getAttribute("data-status")));
        assertNotEquals(firstSerial, byId("cert-serial").getText());
        assertEquals(Boolean.TRUE, js("return window.__sameDocument === true"), "reissued without a reload");
        assertTrue(byId("timeline").getText().contains("Reissue requested"), byId("timeline").getText());
        browser.screenshot("09-reissued");

        // 7. The e-mail link opens the status page with a signed token that then leaves the address bar.
        Mailbox.Received shipment = shipments.stream().filter(m -> "shipment".equals(m.template())).findFirst()
                .orElseThrow();
        Matcher link = LINK.matcher(shipment.text());
        assertTrue(link.find(), "a portal link in the shipment e-mail");
        browser.driver.get(link.group());
        waitVisible("status-view", 15);
        awaitStatus("ISSUED", 30);
        assertEquals("/status", path());
        assertFalse(browser.driver.getCurrentUrl().contains("t="), "the link token leaves the address bar");
        browser.screenshot("10-status-from-email-link");

        // 8. CaaS credentials, within the seven days, with client commands.
        open("/caas");
        browser.screenshot("11-caas-form");
        type("caas-reference", caasReference);
        byId("caas-submit").click();
        WebElement keyId = waitVisible("eab-key-id", 15);
        assertFalse(keyId.getText().isBlank());
        assertFalse(byId("eab-hmac-key").getText().isBlank());
        assertTrue(byId("caas-result").getText().contains("certbot"), "client snippets");
        browser.screenshot("12-caas-credentials");

        // 9. Phone width: the tracking page and the status page still read well.
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        open("/");
        browser.screenshot("13-phone-track-form");
        type("reference", certificateReference);
        byId("lookup-submit").click();
        waitVisible("status-view", 15);
        awaitStatus("ISSUED", 30);
        browser.screenshot("14-phone-status");
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));

        // 10. Too many wrong references from one client: a wait message, and the button waits too.
        open("/");
        String message = "";
        for (int attempt = 0; attempt < 15 && !message.contains("wait"); attempt++) {
            type("reference", CaReference.generate());
            js("document.getElementById('lookup-error').hidden = true");
            byId("lookup-submit").click();
            message = waitVisible("lookup-error", 15).getText();
        }
        assertTrue(message.contains("Too many attempts") && message.contains("wait"), message);
        assertFalse(byId("lookup-submit").isEnabled(), "the button waits for the Retry-After time");
        browser.screenshot("15-track-rate-limited");

        // No credential in the gateway's access log: paths only, never query strings.
        String log = Files.readString(gateway.accessLog());
        assertFalse(log.contains("access_token") || log.contains("t=") || log.contains(certificateReference),
                "the access log holds no token or reference");
    }

    @Test
    void gatewayServesTlsWithACertificateOfTheStandInCaAndTheSecurityHeaders() throws Exception {
        String root = io.restassured.RestAssured.given().baseUri(Stack.url("stand-in-ca")).get("/api/v1/intermediates")
                .then().statusCode(200).extract().asString();
        X509Certificate anchor = certificates(root).stream()
                .filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).findFirst().orElseThrow();
        String tls = TlsProbe.get("127.0.0.1", gateway.tlsPort(), Gateway.TLS_NAME, "/", anchor);
        assertTrue(tls.startsWith("HTTP/1.1 200"), tls.lines().findFirst().orElse(""));
        assertTrue(tls.contains("\r\nStrict-Transport-Security: max-age="), "HSTS on TLS");
        assertTrue(tls.contains("\r\nReferrer-Policy: no-referrer\r\n"));
        assertTrue(tls.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        String csp = tls.lines().filter(l -> l.startsWith("Content-Security-Policy:")).findFirst().orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"), csp);

        var plain = io.restassured.RestAssured.given().baseUri(gateway.url()).get("/");
        assertEquals(200, plain.statusCode());
        assertEquals(null, plain.header("Strict-Transport-Security"), "no HSTS over plain HTTP");
        io.restassured.RestAssured.given().baseUri(gateway.url()).get("/api/tracking/../../q/health")
                .then().statusCode(org.hamcrest.Matchers.not(200));
        io.restassured.RestAssured.given().baseUri(gateway.url()).contentType("application/json")
                .body("{\"csr\":\"" + "A".repeat(100_000) + "\"}").post("/api/tracking/reissue")
                .then().statusCode(413).contentType("application/problem+json")
                .body("title", org.hamcrest.Matchers.equalTo("Request too large"));
        io.restassured.RestAssured.given().baseUri(gateway.url()).get("/api/intermediates")
                .then().statusCode(200).header("Referrer-Policy", "no-referrer");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void open(String path) {
        browser.driver.get(gateway.url() + path);
    }

    private static String path() {
        return java.net.URI.create(browser.driver.getCurrentUrl()).getPath();
    }

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static WebElement byCss(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private static void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Long texts (PEM) are pasted, not typed key by key; an input event tells the page as typing would. */
    private static void setValue(String id, String text) {
        js("const f = document.getElementById(arguments[0]); f.value = arguments[1];"
                + " f.dispatchEvent(new Event('input', {bubbles: true}));", id, text);
    }

    private static void scrollTo(String id) {
        js("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    private static WebElement waitVisible(String id, int seconds) {
        return browser.waiting(Duration.ofSeconds(seconds)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static void awaitText(String id, String text, int seconds) {
        browser.waiting(Duration.ofSeconds(seconds)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static void awaitStatus(String status, int seconds) {
        browser.waiting(Duration.ofSeconds(seconds))
                .until(ExpectedConditions.attributeToBe(By.id("status-badge"), "data-status", status));
    }

    private static Path awaitDownload(String suffix, int seconds) {
        return Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200))
                .until(() -> browser.downloaded().stream().filter(f -> f.toString().endsWith(suffix)).findFirst(),
                        Optional::isPresent).orElseThrow();
    }

    private static List<Mailbox.Received> awaitMails(String email, List<String> templates, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> Mailbox.read(email).stream().filter(m -> templates.contains(m.template())).toList(),
                        mails -> mails.size() >= count);
    }

    private static String reference(List<Mailbox.Received> mails, String template) {
        Mailbox.Received mail = mails.stream().filter(m -> template.equals(m.template())).findFirst().orElseThrow();
        Matcher matcher = REFERENCE.matcher(mail.text());
        assertTrue(matcher.find(), "a CA Reference in " + mail.subject());
        return matcher.group();
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(String pem) throws Exception {
        return new ArrayList<>((Collection<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
}

package com.certtrack.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.TestCsr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Managing a certificate line in the portal, in headless Chromium through nginx, against every service as its own
 * process and a stand-in CA that validates domains for real on a loopback network: DCV help (pre-flight, method
 * change, recheck), reminders, activity, webhooks with signed deliveries, reissue, certificate history, revoking
 * superseded certificates, revocation status (on the status page and the public page), the installation check
 * against a loopback TLS server, and cancelling a pending line. Screenshots of every panel: target/screenshots.
 */
class LifecycleBrowserIT {

    private static LoopbackNetwork network;
    private static Browser browser;
    private static PortalSteps portal;

    @BeforeAll
    static void start() {
        network = Stack.loopbackNetwork();
        Gateway gateway = Stack.gateway();
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
    void manageALineFromValidationToRevocationThroughThePortal() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 6);
        String email = "lifecycle-" + id + "@example.com";
        String domain = "lifecycle-" + id + ".example.com";
        TestCsr firstKey = TestCsr.forDomains(domain);

        // 1. Order a DV line validated by DNS TXT; the shipment e-mail carries its CA Reference.
        portal.orderCertificate("Ada Lovelace", email, domain, "DNS_TXT", firstKey.pem(), false, "lifecycle-01-order");
        String reference = ShipmentMails.referenceIn(
                ShipmentMails.await(email, List.of(ShipmentMails.SHIPMENT), 1), ShipmentMails.SHIPMENT);
        portal.track(reference);
        portal.awaitStatus("PENDING_VALIDATION", 60);

        // 2. The DCV panel shows what to publish, copyable; the pre-flight finds the record missing.
        WebElement panel = dcvPanel(domain);
        List<WebElement> values = panel.findElements(By.cssSelector(".dcv-publish code"));
        assertEquals(2, values.size(), panel.getText());
        assertTrue(
                values.get(0).getText().toLowerCase(Locale.ROOT).contains(domain),
                values.get(0).getText());
        assertFalse(values.get(1).getText().isBlank());
        assertEquals(
                2, panel.findElements(By.cssSelector(".dcv-publish button")).size(), "a copy button each");
        browser.screenshot("lifecycle-02-dcv-panel");
        panel.findElement(By.cssSelector(".dcv-preflight")).click();
        WebElement missing = portal.waitVisible(
                By.cssSelector(".dcv-panel[data-domain='" + domain + "'] .findings li[data-code='DNS_RECORD_MISSING']"),
                30);
        assertEquals("ERROR", missing.getAttribute("data-severity"));
        assertFalse(missing.findElements(By.cssSelector(".finding-fix")).isEmpty(), "a fix comes with the finding");
        assertEquals("false", panel.findElement(By.cssSelector(".dcv-verdict")).getAttribute("data-ready"));
        browser.screenshot("lifecycle-03-dcv-preflight");

        // 3. Change the method to DNS CNAME: the CA's new instructions replace the old ones, live.
        new Select(panel.findElement(By.cssSelector(".dcv-method-select"))).selectByValue("DNS_CNAME");
        panel.findElement(By.cssSelector(".dcv-change")).click();
        portal.waitVisible(By.cssSelector(".dcv-panel[data-domain='" + domain + "'] .dcv-done"), 15);
        browser.waiting(Duration.ofSeconds(60))
                .until(d -> "DNS_CNAME".equals(dcvPanel(domain).getAttribute("data-method")));
        values = dcvPanel(domain).findElements(By.cssSelector(".dcv-publish code"));
        // Written as a zone file would (a trailing dot or not); the loopback DNS server takes names without it.
        String cnameName = values.get(0).getText().strip().replaceAll("\\.$", "");
        String cnameTarget = values.get(1).getText().strip().replaceAll("\\.$", "");
        assertTrue(cnameName.toLowerCase(Locale.ROOT).endsWith(domain), cnameName);
        browser.screenshot("lifecycle-04-dcv-method-changed");

        // 4. Reminders: no 90-day and no after-expiry reminder.
        portal.scrollTo("reminders-section");
        setChecked("reminder-90", false);
        setChecked("reminder-after-7", false);
        portal.byId("reminders-save").click();
        portal.waitVisible("reminders-done", 15);
        browser.screenshot("lifecycle-05-reminders");

        // 5. Activity: the lookup, the method change and the reminder change, from this client's address.
        awaitActivity("DCV_CHANGE", "REMINDERS_CHANGED", "LOOKUP");
        assertTrue(
                portal.byId("activity-body").getText().contains("127.0.0.1"),
                portal.byId("activity-body").getText());
        portal.scrollTo("activity-section");
        browser.screenshot("lifecycle-06-activity");

        // 6. Publish the record in the (loopback) DNS and ask the CA to check now: issued.
        network.dns.cname(cnameName, cnameTarget);
        dcvPanel(domain).findElement(By.cssSelector(".dcv-recheck")).click();
        portal.awaitStatus("ISSUED", 90);
        browser.screenshot("lifecycle-07-issued");
        String firstSerial = portal.byId("cert-serial").getText();
        String firstChain = Files.readString(portal.download("chain", 20), StandardCharsets.US_ASCII);

        // 7. A webhook to the customer's HTTPS endpoint: the secret is shown once; a ping arrives signed with it.
        portal.scrollTo("webhooks-section");
        portal.type("webhook-url", network.webhooks.url());
        portal.byId("webhook-submit").click();
        String secret = portal.waitVisible("webhook-secret", 15).getText();
        assertTrue(secret.startsWith("whsec_"), secret);
        browser.screenshot("lifecycle-08-webhook-secret");
        portal.byId("webhook-secret-dismiss").click();
        assertTrue(portal.byId("webhook-secret-value").getText().isEmpty(), "the secret leaves the page");
        portal.byCss("#webhook-body .webhook-ping").click();
        awaitDelivery("ping", secret);
        awaitDeliveryRow("DELIVERED");
        browser.screenshot("lifecycle-09-webhook-deliveries");

        // 8. Reissue with a new key: two certificates in the history, the new one current; a signed event arrives.
        TestCsr secondKey = TestCsr.forDomains(domain);
        portal.setValue("csr", secondKey.pem());
        portal.byId("reissue-submit").click();
        portal.waitVisible("reissue-done", 15);
        browser.waiting(Duration.ofSeconds(90))
                .until(d -> !portal.byId("cert-serial").getText().equals(firstSerial)
                        && "ISSUED".equals(portal.byId("status-badge").getAttribute("data-status")));
        String secondSerial = portal.byId("cert-serial").getText();
        awaitDelivery("certificate.issued", secret);
        awaitLineage(firstSerial, "SUPERSEDED", secondSerial, "CURRENT");
        String currentRow = (String) portal.js(
                "return document.querySelector("
                        + "'#lineage-body tr[data-serial=\"' + arguments[0] + '\"]').textContent",
                secondSerial);
        assertTrue(currentRow.contains("(current)"), currentRow);
        portal.scrollTo("history-section");
        browser.screenshot("lifecycle-10-history");

        // 9. Revoke all superseded (with a confirmation step): the first certificate is revoked.
        portal.byId("superseded-start").click();
        assertTrue(portal.byId("superseded-confirm").isDisplayed(), "a confirmation step first");
        portal.byId("superseded-submit").click();
        portal.waitVisible("superseded-done", 15);
        awaitLineage(firstSerial, "REVOKED", secondSerial, "CURRENT");
        browser.screenshot("lifecycle-11-superseded-revoked");

        // 10. Revocation status: the current certificate is good; the superseded one, pasted on the public page,
        // is revoked by OCSP and CRL, with explanations.
        portal.byId("revocation-check").click();
        WebElement current = portal.waitVisible("revocation-result-status", 30);
        assertEquals(
                "GOOD",
                current.getAttribute("data-status"),
                portal.byId("revocation-result").getText());
        portal.scrollTo("revoke-section");
        browser.screenshot("lifecycle-12-revocation-status");
        portal.open("/revocation");
        portal.setValue("revocation-pem", firstChain);
        portal.byId("revocation-submit").click();
        WebElement revoked = portal.waitVisible("revocation-result-status", 30);
        assertEquals(
                "REVOKED",
                revoked.getAttribute("data-status"),
                portal.byId("revocation-result").getText());
        assertFalse(
                browser.driver
                        .findElements(
                                By.cssSelector("#revocation-result .explanation, #revocation-result .explanations li"))
                        .isEmpty(),
                "the answer is explained");
        browser.screenshot("lifecycle-13-public-revocation");

        // 11. Installation check against the customer's server (loopback TLS) serving the current chain.
        portal.track(reference);
        portal.awaitStatus("ISSUED", 30);
        assertFalse(portal.byId("reminder-90").isSelected(), "the saved reminders come back");
        assertTrue(portal.byId("reminder-30").isSelected());
        String currentChain = Files.readString(portal.download("chain", 20), StandardCharsets.US_ASCII);
        List<X509Certificate> chain = Pems.certificates(currentChain);
        assertEquals(serial(secondSerial), chain.get(0).getSerialNumber());
        network.dns.a(domain, "127.0.0.1");
        try (LoopbackHttps site = new LoopbackHttps(secondKey.keyPair().getPrivate(), chain, exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        })) {
            portal.scrollTo("installation-section");
            new Select(portal.byId("installation-host-select")).selectByValue(domain);
            portal.type("installation-port", Integer.toString(site.port()));
            portal.byId("installation-submit").click();
            portal.waitVisible("installation-verdict", 60);
            List<WebElement> served = browser.driver.findElements(By.cssSelector("#installation-chain tr"));
            assertFalse(served.isEmpty(), portal.byId("installation-result").getText());
            assertEquals(
                    serial(secondSerial),
                    serial(served.get(0).getAttribute("data-serial")),
                    "the leaf served is the current certificate");
            assertEquals(
                    "true",
                    portal.byCss("#installation-protocols tr[data-protocol='TLSv1.3']")
                            .getAttribute("data-enabled"));
            assertFalse(browser.driver
                    .findElements(By.cssSelector("#installation-result .findings li"))
                    .isEmpty());
            browser.screenshot("lifecycle-14-installation");
        }

        // 12. A second line, still pending: cancelled after a confirmation step.
        String otherEmail = "lifecycle-cancel-" + id + "@example.com";
        String otherDomain = "cancel-" + id + ".example.com";
        portal.orderCertificate(
                "Ada Lovelace",
                otherEmail,
                otherDomain,
                "DNS_TXT",
                TestCsr.forDomains(otherDomain).pem(),
                false,
                null);
        String otherReference = ShipmentMails.referenceIn(
                ShipmentMails.await(otherEmail, List.of(ShipmentMails.SHIPMENT), 1), ShipmentMails.SHIPMENT);
        assertNotEquals(reference, otherReference);
        portal.track(otherReference);
        portal.awaitStatus("PENDING_VALIDATION", 60);
        portal.scrollTo("cancel-section");
        portal.byId("cancel-start").click();
        portal.type("cancel-reason", "Ordered by mistake");
        browser.screenshot("lifecycle-15-cancel-confirm");
        portal.byId("cancel-submit").click();
        portal.waitVisible("cancel-done", 15);
        portal.awaitStatus("CANCELLED", 60);
        assertTrue(portal.byId("cancel-section").getAttribute("hidden") != null, "no cancel once cancelled");
        browser.screenshot("lifecycle-16-cancelled");

        // The access log has no credential: the CA Reference and tokens never travel in a URL.
        String log = Files.readString(Stack.gateway().accessLog());
        assertFalse(
                log.contains(reference) || log.contains(otherReference) || log.contains(secret),
                "no reference or secret in the access log");
    }

    // ---- steps on this page -----------------------------------------------------------------------------------

    private static WebElement dcvPanel(String domain) {
        return portal.waitVisible(By.cssSelector(".dcv-panel[data-domain='" + domain + "']"), 30);
    }

    private static void setChecked(String id, boolean checked) {
        WebElement box = portal.byId(id);
        if (box.isSelected() != checked) {
            box.click();
        }
    }

    private static void awaitActivity(String... actions) {
        browser.waiting(Duration.ofSeconds(30)).until(d -> {
            List<String> shown = rows("#activity-body tr", "action", "outcome").stream()
                    .map(row -> row.substring(0, row.indexOf('=')))
                    .toList();
            if (List.of(actions).stream().allMatch(shown::contains)) {
                return true;
            }
            portal.byId("activity-refresh").click();
            return false;
        });
    }

    private static void awaitDelivery(String type, String secret) {
        WebhookReceiver.Delivery delivery = Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> network.webhooks.deliveries().stream()
                                .filter(d -> d.body().contains("\"" + type + "\""))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertTrue(delivery.signedWith(secret), "signed with the secret shown once: " + delivery.signature());
        assertFalse(delivery.body().replace("-", "").contains("caReference"), "no CA Reference in a webhook");
    }

    private static void awaitDeliveryRow(String status) {
        portal.byCss("#webhook-body .webhook-deliveries").click();
        browser.waiting(Duration.ofSeconds(30)).until(d -> {
            if (portal.byId("deliveries").isDisplayed()
                    && rows("#deliveries-body tr", "eventType", "status").stream()
                            .anyMatch(r -> r.endsWith("=" + status))) {
                return true;
            }
            portal.byId("deliveries-refresh").click();
            return false;
        });
    }

    private static void awaitLineage(String firstSerial, String firstState, String secondSerial, String secondState) {
        List<String> expected = List.of(firstSerial + "=" + firstState, secondSerial + "=" + secondState);
        browser.waiting(Duration.ofSeconds(60)).until(d -> {
            List<String> shown = rows("#lineage-body tr", "serial", "state");
            if (shown.size() == 2 && shown.containsAll(expected)) {
                return true;
            }
            portal.byId("lineage-refresh").click();
            return false;
        });
    }

    /** The rows' data attributes, read in one go (a refresh may replace the rows between two WebDriver calls). */
    @SuppressWarnings("unchecked")
    private static List<String> rows(String selector, String first, String second) {
        return (List<String>) portal.js(
                "return [...document.querySelectorAll(arguments[0])]"
                        + ".map(r => r.dataset[arguments[1]] + '=' + r.dataset[arguments[2]])",
                selector,
                first,
                second);
    }

    private static BigInteger serial(String shown) {
        return new BigInteger(shown.replaceAll("[^0-9A-Fa-f]", ""), 16);
    }
}

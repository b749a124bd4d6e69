package com.certtrack.systemtests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** What a customer does in the portal, step by step, through nginx: the browser tests' shared vocabulary. */
final class PortalSteps {

    final Browser browser;
    private final Gateway gateway;

    PortalSteps(Browser browser, Gateway gateway) {
        this.browser = browser;
        this.gateway = gateway;
    }

    // ---- customer steps ---------------------------------------------------------------------------------------

    /** Fills the order form for one certificate line (and a CaaS subscription if asked), and places it. */
    String orderCertificate(
            String name,
            String email,
            String domain,
            String dcvMethod,
            String csrPem,
            boolean caas,
            String screenshot) {
        open("/order");
        type("customer-name", name);
        type("customer-email", email);
        new Select(byId("product")).selectByValue("DV_SINGLE");
        type("domains", domain);
        new Select(byId("dcv-method")).selectByValue(dcvMethod);
        setValue("order-csr", csrPem);
        if (caas) {
            byId("caas").click();
        }
        if (screenshot != null) {
            browser.screenshot(screenshot);
        }
        byId("order-submit").click();
        WebElement orderNumber = waitVisible("order-number", 20);
        assertFalse(orderNumber.getText().isBlank());
        return orderNumber.getText();
    }

    /** Opens the tracking page and looks the CA Reference up; the status page shows. */
    void track(String reference) {
        open("/");
        type("reference", reference);
        byId("lookup-submit").click();
        waitVisible("status-view", 15);
    }

    // ---- page access ------------------------------------------------------------------------------------------

    void open(String path) {
        browser.driver.get(gateway.url() + path);
    }

    String path() {
        return URI.create(browser.driver.getCurrentUrl()).getPath();
    }

    WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    WebElement byCss(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Long texts (PEM) are pasted, not typed key by key; an input event tells the page as typing would. */
    void setValue(String id, String text) {
        js(
                "const f = document.getElementById(arguments[0]); f.value = arguments[1];"
                        + " f.dispatchEvent(new Event('input', {bubbles: true}));",
                id,
                text);
    }

    void scrollTo(String id) {
        js("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(script, args);
    }

    WebElement waitVisible(String id, int seconds) {
        return browser.waiting(Duration.ofSeconds(seconds))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    WebElement waitVisible(By locator, int seconds) {
        return browser.waiting(Duration.ofSeconds(seconds))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(String id, String text, int seconds) {
        browser.waiting(Duration.ofSeconds(seconds))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /** The status badge of the tracked line, as live updates set it. */
    void awaitStatus(String status, int seconds) {
        browser.waiting(Duration.ofSeconds(seconds))
                .until(ExpectedConditions.attributeToBe(By.id("status-badge"), "data-status", status));
    }

    /**
     * Clicks the download button of {@code format} and waits for the file written after the click (Chromium may
     * reuse the name of an earlier download of the same certificate).
     */
    Path download(String format, int seconds) {
        return downloadFrom(byCss("button.download[data-format='" + format + "']"), seconds);
    }

    /** Clicks a download button or link and waits for the file written after the click. */
    Path downloadFrom(WebElement control, int seconds) {
        long clicked = System.currentTimeMillis() - 1000; // file times may be rounded down to the second
        control.click();
        return Awaitility.await()
                .atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> browser.downloaded().stream()
                                .filter(f -> modified(f) >= clicked)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0; // being renamed from .crdownload: seen on the next poll
        }
    }
}

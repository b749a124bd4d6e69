package com.certtrack.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium never downloads a driver or browser
 * here), with a fresh profile, a download folder, and screenshots under target/screenshots.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static Browser start() {
        Tools.require("browser");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
            Path downloads = Files.createDirectories(profile.resolveSibling(profile.getFileName() + "-downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,1000",
                    "--lang=en-GB");
            // A second download from the same page would otherwise wait for a "download multiple files" prompt.
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "download.default_directory",
                            downloads.toString(),
                            "download.prompt_for_download",
                            false,
                            "intl.accept_languages",
                            "en-GB",
                            "profile.default_content_setting_values.automatic_downloads",
                            1));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                    .usingAnyFreePort()
                    .withLogOutput(java.io.OutputStream.nullOutputStream())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new Browser(driver, downloads, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200));
    }

    /** The whole page (not just the viewport), as a person would scroll through it. */
    Path screenshot(String name) {
        Object height = driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        var size = driver.manage().window().getSize();
        try {
            long pageHeight = Math.min(((Number) height).longValue(), 6000);
            int chromeHeight =
                    size.getHeight() - ((Number) driver.executeScript("return window.innerHeight")).intValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int)
                    Math.max(pageHeight + chromeHeight, size.getHeight())));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Files in the download folder that are complete (Chromium writes .crdownload while it works). */
    List<Path> downloaded() {
        try (var files = Files.list(downloads)) {
            return files.filter(f -> !f.toString().endsWith(".crdownload")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

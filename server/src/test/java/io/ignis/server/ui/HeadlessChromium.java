package io.ignis.server.ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Debian's {@code chromium} driven through its {@code chromedriver}, headless, on a fresh profile. Both binaries are
 * named explicitly so Selenium never runs Selenium Manager (which would try to download a browser or driver).
 */
final class HeadlessChromium implements Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;
    private final ChromeDriverService service;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /**
     * Fails when CI=true and the browser or its driver is missing (CI must install {@code chromium chromium-driver});
     * skips otherwise.
     */
    static void requireInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String why = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why + "; they are missing and CI=true");
        }
        assumeTrue(false, why + "; skipped because they are missing");
    }

    /** Starts chromedriver and a browser whose profile lives under {@code profile}. */
    static HeadlessChromium start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        return new HeadlessChromium(driver, service);
    }

    @Override
    public String name() {
        return "chromium";
    }

    @Override
    public void navigate(String url) {
        driver.get(url);
    }

    @Override
    public JsonNode evaluate(String body, Object... args) {
        Object json = driver.executeScript(Browser.jsonResult(body), args);
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void type(String css, String withText, String text) {
        find(css, withText).sendKeys(text);
    }

    @Override
    public void click(String css, String withText) {
        new Actions(driver).moveToElement(find(css, withText)).click().perform();
    }

    @Override
    public void moveMouse(int x, int y) {
        new Actions(driver).moveToLocation(x, y).perform();
    }

    @Override
    public void screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private WebElement find(String css, String withText) {
        return (WebElement) driver.executeScript("return (function () {\n" + FIND_ELEMENT + "\n}).apply(null, arguments);",
                css, withText);
    }
}

package dev.postern.server.dashboard;

import static dev.postern.server.dashboard.DashboardGateway.ADMIN_KEY;
import static dev.postern.server.dashboard.DashboardGateway.BACKUP;
import static dev.postern.server.dashboard.DashboardGateway.PRIMARY;
import static dev.postern.server.dashboard.DashboardGateway.RELAY;
import static dev.postern.server.dashboard.DashboardGateway.SEND_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in real headless Chromium against a gateway with three simulated providers: the
 * failover shows on the page as it happens, the admin buttons work, and a send-only key sees no
 * buttons. Every request the page makes goes to the gateway and nowhere else.
 */
class DashboardBrowserTest {
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static BrowserSetup.Run setup;
    static DashboardGateway gw;

    Browser browser;
    ChromeDriver driver;

    @BeforeAll
    static void startGateway() {
        // skipped without a browser (failed on CI), before any gateway starts
        setup = BrowserSetup.require();
        gw = new DashboardGateway(dir);
        gw.startTraffic(10);
    }

    @AfterAll
    static void stopGateway() {
        if (gw != null) {
            gw.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = Browser.start(setup, Files.createTempDirectory(dir, "chromium"));
        driver = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anOperatorWatchesThePrimaryFailOverAndDrainsAProvider() {
        signIn(ADMIN_KEY);
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .until(() -> providerNames().equals(List.of(PRIMARY, BACKUP, RELAY)));
        assertThat(text("#scope")).isEqualTo("admin key");
        // the primary carries the traffic while it is healthy
        await().atMost(WITHIN_SECONDS).ignoreExceptions().until(() -> delivered10s(PRIMARY) > 0);
        assertThat(delivered10s(BACKUP)).isZero();
        // its rates over the last hour: hard bounces and complaints per message accepted, none reported here
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .until(() -> cell(PRIMARY, "rates").equals("0% / 0%"));
        assertThat(cell(RELAY, "rates")).isEqualTo("–"); // accepted nothing yet: nothing to judge

        gw.fault(PRIMARY, "error(503)");

        await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> {
            assertThat(row(PRIMARY).getDomAttribute("data-breaker")).isEqualTo("open");
            assertThat(cell(PRIMARY, "breaker")).isEqualTo("open");
        });
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(driver.findElements(By.cssSelector("#events li[data-type='failover']")))
                        .isNotEmpty());
        assertThat(driver.findElement(By.cssSelector("#events li[data-type='failover']"))
                        .getText())
                .contains("failover")
                .contains(PRIMARY);
        // the chart's data: the backup takes the mail, the primary none, and the failover is marked
        await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> {
            assertThat(delivered10s(BACKUP)).isPositive();
            assertThat(delivered10s(PRIMARY)).isZero();
        });
        assertThat(text("#traffic-summary")).contains(BACKUP + " ").contains(PRIMARY + " 0");
        // the backup's own report of its budget (Resend's ratelimit-* headers) shows beside its configured limit
        gw.fault(BACKUP, "budget(1, 60s)");
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(cell(BACKUP, "budget")).startsWith("reports 1 of 2 left until"));
        assertThat(Integer.parseInt(driver.findElement(By.id("chart")).getDomAttribute("data-failover-marks")))
                .isPositive();
        assertThat(driver.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();

        driver.findElement(By.cssSelector("button[data-action='drain'][data-provider='" + RELAY + "']"))
                .click();

        await().atMost(WITHIN_SECONDS).ignoreExceptions().untilAsserted(() -> {
            assertThat(row(RELAY).getDomAttribute("data-state")).isEqualTo("drained");
            assertThat(cell(RELAY, "state")).isEqualTo("drained");
        });
        assertThat(driver.findElement(By.cssSelector("button[data-provider='" + RELAY + "'][data-drain]"))
                        .getText())
                .isEqualTo("Undrain");
        assertThat(text("#notice")).contains(RELAY + " is now drained");
        driver.findElement(By.id("query")).sendKeys("ada@example.com");
        driver.findElement(By.cssSelector("#search button[type='submit']")).click();
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(driver.findElements(By.cssSelector("#search-result article.message")))
                        .isNotEmpty());
        assertThat(text("#search-result article.message table")).containsAnyOf(PRIMARY, BACKUP);
        browser.resize(1280, 1500);
        driver.executeScript("window.scrollTo(0, 0)");
        browser.screenshot(Path.of("target", "dashboard-failover.png"));
        browser.resize(390, 844);
        browser.screenshot(Path.of("target", "dashboard-phone.png"));
        // whether or not this gateway has drills, the page shows the server's answer
        driver.findElement(By.cssSelector("button[data-action='drill'][data-provider='" + RELAY + "']"))
                .click();
        driver.switchTo().alert().accept();
        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(text("#notice"))
                        .matches("Drill \\S+ is \\w+ on " + RELAY + "\\.|The drill was not started: \\d{3} \\w+: .+"));
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.networkRequests())
                .isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith(gw.url() + "/"));
    }

    @Test
    void aSendOnlyKeySeesNoButtonsAndCannotDrain() {
        signIn(SEND_KEY);

        await().atMost(WITHIN_SECONDS)
                .ignoreExceptions()
                .until(() -> providerNames().equals(List.of(PRIMARY, BACKUP, RELAY)));
        assertThat(text("#scope")).isEqualTo("send-only key");
        assertThat(driver.findElements(By.cssSelector("button[data-action]"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector("#providers th.admin-only"))
                        .isDisplayed())
                .isFalse();
        assertThat(text("#events-note")).contains("admin scope");
        assertThat(gw.post("/v1/providers/" + BACKUP + "/drain", SEND_KEY, "").statusCode())
                .isEqualTo(403);
        assertThat(gw.get("/v1/events", SEND_KEY).statusCode()).isEqualTo(403);
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.networkRequests()).allSatisfy(url -> assertThat(url).startsWith(gw.url() + "/"));
    }

    private void signIn(String key) {
        driver.get(gw.url() + "/");
        driver.findElement(By.id("key")).sendKeys(key);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
        await().atMost(WITHIN_SECONDS)
                .until(() -> driver.findElement(By.id("app")).isDisplayed());
        assertThat(driver.getCurrentUrl()).doesNotContain(key);
    }

    private List<String> providerNames() {
        return driver.findElements(By.cssSelector("#providers tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-provider"))
                .toList();
    }

    private WebElement row(String provider) {
        return driver.findElement(By.cssSelector("#providers tbody tr[data-provider='" + provider + "']"));
    }

    private String cell(String provider, String field) {
        return row(provider)
                .findElement(By.cssSelector("[data-field='" + field + "']"))
                .getText();
    }

    private int delivered10s(String provider) {
        return Integer.parseInt(row(provider).getDomAttribute("data-delivered10s"));
    }

    private String text(String selector) {
        return driver.findElement(By.cssSelector(selector)).getText();
    }
}

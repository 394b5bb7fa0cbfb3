package dev.postern.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrowserSetupTest {
    private static final Path CHROMIUM = Path.of("/opt/chromium");
    private static final Path DRIVER = Path.of("/opt/chromedriver");

    @Test
    void browserAndDriverInstalledRunsTheTestsWithThem() {
        assertThat(BrowserSetup.decide(false, CHROMIUM, DRIVER, Set.of(CHROMIUM, DRIVER)::contains))
                .isEqualTo(new BrowserSetup.Run(CHROMIUM, DRIVER));
        assertThat(BrowserSetup.decide(true, CHROMIUM, DRIVER, Set.of(CHROMIUM, DRIVER)::contains))
                .isEqualTo(new BrowserSetup.Run(CHROMIUM, DRIVER));
    }

    @Test
    void missingDriverOnADevelopersMachineSkipsNamingWhatToInstall() {
        assertThat(BrowserSetup.decide(false, CHROMIUM, DRIVER, Set.of(CHROMIUM)::contains))
                .isEqualTo(new BrowserSetup.Skip("the dashboard's browser tests need Chromium and chromedriver"
                        + " (missing: /opt/chromedriver): apt-get install chromium chromium-driver"));
    }

    @Test
    void missingBrowserOnCiFailsNamingWhatToInstall() {
        assertThat(BrowserSetup.decide(true, CHROMIUM, DRIVER, p -> false))
                .isEqualTo(new BrowserSetup.Fail("CI=true, so the browser tests must run, but the dashboard's"
                        + " browser tests need Chromium and chromedriver (missing: /opt/chromium, /opt/chromedriver):"
                        + " apt-get install chromium chromium-driver"));
    }

    @Test
    void environmentPointsAtAnotherDriverAndSaysWhetherThisIsCi() {
        // a path that is nowhere: the skip and fail paths on a machine that has Chromium
        Map<String, String> env = Map.of("POSTERN_TEST_CHROMEDRIVER", "/nonexistent/chromedriver");
        assertThat(BrowserSetup.of(env)).isInstanceOf(BrowserSetup.Skip.class);
        assertThat(BrowserSetup.of(Map.of("POSTERN_TEST_CHROMEDRIVER", "/nonexistent/chromedriver", "CI", "true")))
                .isInstanceOf(BrowserSetup.Fail.class);
    }
}

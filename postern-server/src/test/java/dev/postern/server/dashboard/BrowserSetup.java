package dev.postern.server.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the dashboard's browser tests run here: with Chromium and chromedriver installed they
 * do; without them they are skipped with one line naming the packages to install, except on CI
 * ({@code CI=true}), where a missing browser fails the build with that line. The paths are
 * Debian's unless {@code POSTERN_TEST_CHROMIUM} and {@code POSTERN_TEST_CHROMEDRIVER} name others
 * (pointing one at nothing is how the skip and fail paths are tried on a machine that has both).
 */
sealed interface BrowserSetup {
    String INSTALL = "apt-get install chromium chromium-driver";
    Path CHROMIUM = Path.of("/usr/bin/chromium");
    Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Both are there: the tests drive this browser through this driver. */
    record Run(Path chromium, Path chromedriver) implements BrowserSetup {}

    /** Missing on a developer's machine: the tests are skipped, saying why. */
    record Skip(String reason) implements BrowserSetup {}

    /** Missing on CI: the tests fail, saying what to install. */
    record Fail(String reason) implements BrowserSetup {}

    /** The decision alone: {@code installed} says whether a path is an executable file. */
    static BrowserSetup decide(boolean ci, Path chromium, Path chromedriver, Predicate<Path> installed) {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(chromium, chromedriver)) {
            if (!installed.test(p)) {
                missing.add(p.toString());
            }
        }
        if (missing.isEmpty()) {
            return new Run(chromium, chromedriver);
        }
        String why = "the dashboard's browser tests need Chromium and chromedriver (missing: "
                + String.join(", ", missing) + "): " + INSTALL;
        return ci ? new Fail("CI=true, so the browser tests must run, but " + why) : new Skip(why);
    }

    /** The decision for this machine and environment. */
    static BrowserSetup of(Map<String, String> env) {
        return decide(
                "true".equalsIgnoreCase(env.getOrDefault("CI", "")),
                Path.of(env.getOrDefault("POSTERN_TEST_CHROMIUM", CHROMIUM.toString())),
                Path.of(env.getOrDefault("POSTERN_TEST_CHROMEDRIVER", CHROMEDRIVER.toString())),
                p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }

    /**
     * The browser to drive; otherwise aborts the calling test (or test class, from {@code
     * BeforeAll}) as skipped, or fails it on CI.
     */
    static Run require() {
        return switch (of(System.getenv())) {
            case Run run -> run;
            case Skip skip -> {
                System.err.println("SKIPPED: " + skip.reason());
                Assumptions.abort(skip.reason());
                throw new AssertionError("unreachable");
            }
            case Fail fail -> throw new IllegalStateException(fail.reason());
        };
    }
}

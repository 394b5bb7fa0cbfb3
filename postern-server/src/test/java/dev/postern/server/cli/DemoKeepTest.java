package dev.postern.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postern demo --keep}: after its summary the dashboard stays up, until the process is stopped. */
class DemoKeepTest {
    private static final Duration LIMIT = Duration.ofSeconds(180);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void afterTheSummaryTheDashboardAnswersWithThePrintedAdminKeyUntilStopped() throws Exception {
        try (PosternProcess demo = new PosternProcess(dir.resolve("demo.err"), "demo", "--quick", "--keep")) {
            String adminKey = demo.awaitLine(line -> line.startsWith("  admin key: "), LIMIT)
                    .substring("  admin key: ".length())
                    .split(" ")[0];
            String output = demo.output();
            String kept = output.substring(output.indexOf("== the gateway keeps running until Ctrl-C"));
            assertThat(output.indexOf("== summary")).isLessThan(output.indexOf("== the gateway keeps running"));
            URI dashboard = URI.create(kept.lines()
                    .filter(line -> line.startsWith("  dashboard: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("  dashboard: ".length())
                    .strip());

            HttpResponse<String> page = get(dashboard, null);
            HttpResponse<String> providers = get(dashboard.resolve("/v1/providers"), adminKey);
            HttpResponse<String> events = get(dashboard.resolve("/v1/events"), adminKey);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
            assertThat(providers.statusCode()).as(providers.body()).isEqualTo(200);
            assertThat(providers.body()).contains("\"sendgrid\"");
            assertThat(events.statusCode()).as("an admin-only endpoint").isEqualTo(200);
            assertThat(demo.isAlive()).isTrue();
        }
    }

    private HttpResponse<String> get(URI uri, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

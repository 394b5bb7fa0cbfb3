package dev.postern.server.dashboard;

import static dev.postern.server.dashboard.DashboardGateway.ADMIN_KEY;
import static dev.postern.server.dashboard.DashboardGateway.BACKUP;
import static dev.postern.server.dashboard.DashboardGateway.PRIMARY;
import static dev.postern.server.dashboard.DashboardGateway.RELAY;
import static dev.postern.server.dashboard.DashboardGateway.SEND_KEY;
import static dev.postern.server.dashboard.DashboardGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.testing.FakeTime;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dashboard reads besides the existing API: the page itself, traffic, queue and search by recipient. */
class DashboardApiTest {
    @TempDir
    static Path dir;

    static final FakeTime time = new FakeTime();
    static DashboardGateway gw;

    @BeforeAll
    static void start() {
        gw = new DashboardGateway(dir, time);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void thePageAndItsChartLibraryAreServedByTheGatewayUnderAPolicyThatAllowsOnlyItself() {
        HttpResponse<String> page = gw.get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'")
                        .contains("connect-src 'self'")
                        .contains("script-src 'self'"));
        assertThat(page.body()).contains("<title>Postern dashboard</title>").doesNotContain("https://");
        assertThat(gw.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> script = gw.get("/dashboard/app.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    /**
     * Every file the page loads — from index.html's {@code src} and {@code href}, and from each
     * module's {@code import} — is served, with its content type and the page's policy; the files
     * are held in memory, so nothing else under those paths is.
     */
    @Test
    void everyFileThePageAndItsModulesLoadIsServedAndNothingElse() {
        List<String> wanted = new ArrayList<>();
        java.util.ArrayDeque<String> toRead = new java.util.ArrayDeque<>(List.of("/"));
        java.util.regex.Pattern reference =
                java.util.regex.Pattern.compile("(?:src|href)=\"(/[^\"]+)\"|from \"\\./([^\"]+)\"");
        while (!toRead.isEmpty()) {
            HttpResponse<String> file = gw.get(toRead.poll(), null);
            assertThat(file.statusCode()).isEqualTo(200);
            java.util.regex.Matcher m = reference.matcher(file.body());
            while (m.find()) {
                String path = m.group(1) != null ? m.group(1) : Dashboard.ASSETS + "/" + m.group(2);
                if (!wanted.contains(path)) {
                    wanted.add(path);
                    toRead.add(path);
                }
            }
        }

        assertThat(wanted)
                .contains("/dashboard/app.js", "/dashboard/dom.js", "/webjars/uplot/1.6.30/dist/uPlot.min.css");
        for (String path : wanted) {
            HttpResponse<String> file = gw.get(path, null);
            assertThat(file.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(
                            t -> assertThat(t).startsWith(path.endsWith(".css") ? "text/css" : "text/javascript"));
            assertThat(file.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .isPresent();
        }
        assertThat(gw.get("/dashboard/index.html", null).statusCode()).isEqualTo(404);
        assertThat(gw.get("/webjars/uplot/1.6.30/package.json", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void trafficCountsEachProvidersAttemptsPerSecondWithEverySecondPresent() {
        String id = send("grace@example.com");
        time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
        assertThat(delivered(id)).isTrue();

        JsonNode traffic = json(gw.get("/v1/traffic?seconds=60", SEND_KEY));

        assertThat(traffic.get("providers")).extracting(JsonNode::asText).containsExactly(PRIMARY, BACKUP, RELAY);
        assertThat(traffic.get("seconds")).hasSize(60);
        int accepted = 0;
        for (JsonNode second : traffic.get("seconds")) {
            accepted += second.path("providers").path(PRIMARY).path("accepted").asInt();
        }
        assertThat(accepted).isPositive();
        JsonNode last = traffic.get("seconds").get(59);
        assertThat(last.get("at").asText()).endsWith("Z");
        assertThat(last.get("epoch_second").asLong()).isPositive();
    }

    @Test
    void trafficRefusesAWindowBeyondFifteenMinutes() {
        for (String seconds : List.of("0", "901", "soon")) {
            HttpResponse<String> answer = gw.get("/v1/traffic?seconds=" + seconds, SEND_KEY);
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(json(answer).at("/error/field").asText()).isEqualTo("seconds");
        }
    }

    @Test
    void queueReportsDepthOldestAgeAndWhatWasSettled() {
        String id = send("heidi@example.com");
        time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the send
        assertThat(delivered(id)).isTrue();

        JsonNode queue = json(gw.get("/v1/queue", SEND_KEY));

        assertThat(queue.get("depth").asLong()).isNotNegative();
        assertThat(queue.get("oldest_age_seconds").asDouble()).isNotNegative();
        assertThat(queue.get("accepted").asLong()).isPositive();
        assertThat(queue.get("delivered").asLong()).isPositive();
        assertThat(queue.has("deferred") && queue.has("failed")).isTrue();
    }

    @Test
    void anAdminFindsTheNewestMessagesToARecipientWithTheirAttempts() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send("ivan@example.com"));
            // a millisecond apart, as on a real clock: ids order messages only to the millisecond
            time.advance(Duration.ofMillis(1));
        }
        send("judy@example.com");
        time.advance(Duration.ZERO); // the dispatcher's pump runs here, to the end of the sends
        assertThat(ids).allMatch(this::delivered);

        JsonNode found = json(gw.get("/v1/messages?to=IVAN@example.com&limit=2", ADMIN_KEY));

        assertThat(found.get("messages")).extracting(m -> m.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        JsonNode attempt = found.get("messages").get(0).get("attempts").get(0);
        assertThat(attempt.get("provider").asText()).isEqualTo(PRIMARY);
        assertThat(attempt.get("outcome").asText()).isEqualTo("accepted");
        assertThat(json(gw.get("/v1/messages?to=nobody@example.com", ADMIN_KEY)).get("messages"))
                .isEmpty();
    }

    @Test
    void searchByRecipientNeedsAnAdminKeyAndAnAddress() {
        assertThat(gw.get("/v1/messages?to=ivan@example.com", SEND_KEY).statusCode())
                .isEqualTo(403);
        assertThat(gw.get("/v1/messages?to=ivan@example.com", null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> noAddress = gw.get("/v1/messages?to=ivan", ADMIN_KEY);
        assertThat(noAddress.statusCode()).isEqualTo(400);
        assertThat(json(noAddress).at("/error/field").asText()).isEqualTo("to");
        assertThat(gw.get("/v1/messages?to=ivan@example.com&limit=51", ADMIN_KEY)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void trafficAndQueueNeedAKey() {
        assertThat(gw.get("/v1/traffic", null).statusCode()).isEqualTo(401);
        assertThat(gw.get("/v1/queue", null).statusCode()).isEqualTo(401);
    }

    private String send(String to) {
        HttpResponse<String> answer = gw.post("/v1/messages", SEND_KEY, """
                {"from": "orders@shop.example", "to": ["%s"], "subject": "Receipt", "text": "Thanks."}
                """.formatted(to));
        assertThat(answer.statusCode()).isEqualTo(202);
        return json(answer).get("id").asText();
    }

    private boolean delivered(String id) {
        return json(gw.get("/v1/messages/" + id, SEND_KEY))
                .get("status")
                .asText()
                .equals("delivered");
    }
}

package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack sink against a real HTTP server on loopback speaking the incoming-webhook format. */
class SlackAlertSinkTest {
    private final AtomicReference<byte[]> body = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/T000/B000/XXXX", exchange -> {
            body.set(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/XXXX");
    }

    private static Alert alert(String event, boolean reminder) {
        return new Alert(
                event,
                Optional.of("sendgrid"),
                Instant.parse("2026-01-05T09:00:00Z"),
                "42 messages failed over from sendgrid to postmark in the last 1m",
                Map.of("occurrences", 42L),
                reminder);
    }

    private static Alert incident(IncidentView.State state) {
        IncidentView view = new IncidentView(
                "sendgrid-20260105T090000Z-1",
                state,
                Optional.of("sendgrid"),
                "provider_down",
                Instant.parse("2026-01-05T09:00:00Z"),
                Optional.empty(),
                java.util.List.of("failover"),
                Map.of(),
                Optional.empty());
        return new Alert(
                "incident_" + state.name().toLowerCase(java.util.Locale.ROOT),
                Optional.of("sendgrid"),
                Instant.parse("2026-01-05T09:00:05Z"),
                "sendgrid is failing (failover): 42 failed over",
                Map.of("occurrences", 42L),
                state == IncidentView.State.UPDATED,
                Optional.of(view));
    }

    @Test
    void postsOneReadableLineNamingTheIncidentAndItsState() throws Exception {
        new SlackAlertSink(url()).deliver(incident(IncidentView.State.OPENED));

        var json = new ObjectMapper().readTree(body.get());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get("text").asText())
                .isEqualTo(":rotating_light: *OPENED* Postern: incident sendgrid-20260105T090000Z-1 OPENED (sendgrid)"
                        + " — sendgrid is failing (failover): 42 failed over");
    }

    @Test
    void updatesAndResolutionsAreMarkedSoTheyReadAsOneStory() {
        assertThat(SlackAlertSink.text(incident(IncidentView.State.UPDATED)))
                .startsWith(":hourglass: *UPDATED* Postern: incident sendgrid-20260105T090000Z-1 UPDATED");
        assertThat(SlackAlertSink.text(incident(IncidentView.State.RESOLVED)))
                .startsWith(":white_check_mark: *RESOLVED* Postern: incident sendgrid-20260105T090000Z-1 RESOLVED");
        assertThat(SlackAlertSink.text(alert("drill_started", false)))
                .startsWith(":information_source: Postern: drill_started (sendgrid)");
    }

    @Test
    void slackMarkupInAProviderReplyArrivesEscapedSoItNeitherPingsNorLinks() throws Exception {
        var hostile = new Alert(
                "send_failed",
                Optional.of("sendgrid"),
                Instant.parse("2026-01-05T09:00:00Z"),
                "rejected \"<!channel>\"@x: see <https://evil|click> & retry",
                Map.of("occurrences", 1L),
                false);

        new SlackAlertSink(url()).deliver(hostile);

        String text = new ObjectMapper().readTree(body.get()).get("text").asText();
        assertThat(text)
                .endsWith("rejected \"&lt;!channel&gt;\"@x: see &lt;https://evil|click&gt; &amp; retry")
                .doesNotContain("<", ">");
    }

    @Test
    void anAnswerOtherThan2xxIsAFailedDelivery() {
        status.set(404);

        assertThatThrownBy(() -> new SlackAlertSink(url()).deliver(alert("failover", false)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void theUrlIsTheCredentialAndStaysOutOfToString() {
        assertThat(new SlackAlertSink(url()).toString()).doesNotContain("XXXX");
    }
}

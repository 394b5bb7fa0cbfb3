package dev.postern.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs each alert to a Slack incoming webhook (or anything that speaks its format, such as
 * Mattermost) as {@code {"text": "<one readable line>"}}. An incoming webhook cannot reply in a
 * thread (that needs a bot token and {@code chat.postMessage}), so each line names the incident's
 * id and state instead: the opening, its updates and its resolution read as one story when
 * searched by id. The URL is the credential: it is never logged beyond its host. Any answer other
 * than 2xx counts as a failed delivery.
 */
public final class SlackAlertSink implements AlertSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public SlackAlertSink(URI url) {
        this(url, WebhookAlertSink.DEFAULT_TIMEOUT);
    }

    public SlackAlertSink(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https, but was " + url.getScheme());
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("text", text(alert)));
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("slack webhook " + url.getHost() + " answered HTTP " + response.statusCode());
        }
    }

    /**
     * One line a person reads at a glance: {@code :rotating_light: *OPENED* Postern: incident
     * sendgrid-20260105T090000Z-1 OPENED (sendgrid) — sendgrid is failing (failover,
     * breaker_opened): …}, with {@code :hourglass:} and {@code *UPDATED*} for reminders and {@code
     * :white_check_mark:} and {@code *RESOLVED*} for the end. Everything taken from the alert is
     * escaped, since its detail may echo a provider's reply or an address.
     */
    public static String text(Alert alert) {
        String mark = alert.incident()
                .map(i -> switch (i.state()) {
                    case OPENED -> ":rotating_light: *OPENED* ";
                    case UPDATED -> ":hourglass: *UPDATED* ";
                    case RESOLVED -> ":white_check_mark: *RESOLVED* ";
                })
                .orElse(":information_source: ");
        return mark + escaped(Alerts.line(alert));
    }

    /**
     * Slack's escaping for message text: {@code &}, {@code <} and {@code >} become entities, so
     * {@code <!channel>} or {@code <https://x|click>} in untrusted text shows as typed instead of
     * pinging everyone or hiding a link ({@code &} first, so the entities are not escaped twice).
     */
    static String escaped(String untrusted) {
        return untrusted.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "SlackAlertSink[" + url.getHost() + "]";
    }
}

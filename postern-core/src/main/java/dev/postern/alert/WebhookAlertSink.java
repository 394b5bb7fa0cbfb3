package dev.postern.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each alert as JSON ({@code {"event", "provider", "at", "detail", "counts", "incident"}},
 * docs/alerts.md) to a URL, signed so the receiver can trust it: {@code X-Postern-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body with the secret>}. {@code incident} is {@code {"id",
 * "state", "provider", "condition", "opened_at", "resolved_at", "signals", "counts",
 * "last_answer"}}, or null for alerts outside incidents (drills). Any answer other than 2xx
 * counts as a failed delivery.
 */
public final class WebhookAlertSink implements AlertSink {
    /** How long one delivery may take, connecting included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final byte[] secret;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookAlertSink(URI url, String secret) {
        this(url, secret, DEFAULT_TIMEOUT);
    }

    public WebhookAlertSink(URI url, String secret, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https, but was " + url.getScheme());
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        byte[] body = body(alert);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Postern-Signature", signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + url.getHost() + " answered HTTP " + response.statusCode());
        }
    }

    /** The header value for {@code body}: {@code sha256=} and the hex HMAC-SHA256 with {@code secret}. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static byte[] body(Alert alert) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("event", alert.event());
        json.put("provider", alert.provider().orElse(null));
        json.put("at", alert.at().toString());
        json.put("detail", alert.detail());
        ObjectNode counts = json.putObject("counts");
        new TreeMap<>(alert.counts()).forEach(counts::put);
        alert.incident().ifPresentOrElse(i -> incident(json.putObject("incident"), i), () -> json.putNull("incident"));
        return JSON.writeValueAsBytes(json);
    }

    private static void incident(ObjectNode json, IncidentView incident) {
        json.put("id", incident.id());
        json.put("state", Alerts.wire(incident.state()));
        json.put("provider", incident.provider().orElse(null));
        json.put("condition", incident.condition());
        json.put("opened_at", incident.openedAt().toString());
        json.put("resolved_at", incident.resolvedAt().map(Instant::toString).orElse(null));
        ArrayNode signals = json.putArray("signals");
        incident.signals().forEach(signals::add);
        ObjectNode counts = json.putObject("counts");
        new TreeMap<>(incident.counts()).forEach(counts::put);
        json.put("last_answer", incident.lastAnswer().orElse(null));
    }

    @Override
    public String toString() {
        // The secret stays out of logs.
        return "WebhookAlertSink[" + url.getScheme() + "://" + url.getHost() + "]";
    }
}

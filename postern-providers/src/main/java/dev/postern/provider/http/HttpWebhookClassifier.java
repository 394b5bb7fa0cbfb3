package dev.postern.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Reads a webhook service's answer by Postern's documented contract (docs/providers.md, section http).
 *
 * <table>
 *   <caption>Answers (status, body → outcome)</caption>
 *   <tr><th>status</th><th>body / headers</th><th>outcome</th></tr>
 *   <tr><td>2xx</td><td>JSON object with a non-blank string {@code id}</td><td>Accepted(id)</td></tr>
 *   <tr><td>2xx</td><td>anything else (no id, not JSON, empty)</td>
 *       <td>Ambiguous: the service took something, but said not what</td></tr>
 *   <tr><td>400, 413, 422</td><td>any ({@code error} quoted)</td><td>Rejected</td></tr>
 *   <tr><td>401, 403</td><td>any</td><td>Misconfigured</td></tr>
 *   <tr><td>429</td><td>{@code Retry-After} seconds or HTTP date (else {@code RateLimit-Reset},
 *       {@code X-RateLimit-Reset}); none stated → null</td><td>RateLimited</td></tr>
 *   <tr><td>408, 5xx</td><td>any</td><td>Unavailable</td></tr>
 *   <tr><td>anything else (1xx, 3xx, other 4xx)</td><td>any</td><td>Unavailable</td></tr>
 * </table>
 */
final class HttpWebhookClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The longest part of a service's error text quoted in an outcome. */
    private static final int MAX_QUOTED = 200;

    private HttpWebhookClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, byte[] body, Clock clock) {
        if (status >= 200 && status < 300) {
            String id =
                    json(body).path("id").isTextual() ? json(body).path("id").asText() : "";
            return id.isBlank()
                    ? new SendOutcome.Ambiguous("the service answered " + status + " without an id")
                    : new SendOutcome.Accepted(id);
        }
        String why = "the service answered " + status + error(body);
        return switch (status) {
            case 400, 413, 422 -> new SendOutcome.Rejected(why);
            case 401, 403 -> new SendOutcome.Misconfigured("the service refused our credentials: " + why);
            case 429 ->
                new SendOutcome.RateLimited(RetryAfter.from(headers, clock).orElse(null), why);
            default -> new SendOutcome.Unavailable(why);
        };
    }

    /** {@code ": <error>"} from a JSON {@code {"error": "…"}} body, shortened; empty when there is none. */
    private static String error(byte[] body) {
        JsonNode error = json(body).path("error");
        if (!error.isTextual() || error.asText().isBlank()) {
            return "";
        }
        String text = error.asText().strip();
        return ": " + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text);
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}

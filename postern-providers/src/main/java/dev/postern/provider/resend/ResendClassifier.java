package dev.postern.provider.resend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;

/**
 * Reads Resend's answer to {@code POST /emails} as a {@link SendOutcome}. Errors are {@code
 * {"statusCode", "name", "message"}}; the name decides where the status alone does not.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>status</th><th>name</th><th>outcome</th></tr>
 *   <tr><td>2xx</td><td>body {@code {"id": "…"}}</td><td>Accepted(id)</td></tr>
 *   <tr><td>2xx</td><td>no id, or not JSON</td><td>Ambiguous: Resend said yes but its answer is unreadable,
 *       so it may have the message</td></tr>
 *   <tr><td>400</td><td>{@code invalid_idempotency_key}</td><td>Unavailable: Postern's key, not the message,
 *       was refused; another provider can take it</td></tr>
 *   <tr><td>400, 422</td><td>{@code validation_error}, {@code missing_required_field}, {@code invalid_from_address},
 *       {@code invalid_attachment}, {@code invalid_parameter}, any other</td><td>Rejected</td></tr>
 *   <tr><td>401</td><td>{@code missing_api_key}, {@code restricted_api_key}</td><td>Misconfigured</td></tr>
 *   <tr><td>403</td><td>{@code invalid_api_key}; {@code validation_error} (unverified domain, testing-domain
 *       restrictions)</td><td>Misconfigured</td></tr>
 *   <tr><td>404, 405</td><td>{@code not_found}, {@code method_not_allowed}</td><td>Misconfigured
 *       ({@code base_url} points at the wrong place)</td></tr>
 *   <tr><td>409</td><td>{@code invalid_idempotent_request}, {@code concurrent_idempotent_requests}</td>
 *       <td>Ambiguous: an earlier attempt of this message reached Resend under the same key</td></tr>
 *   <tr><td>429</td><td>{@code rate_limit_exceeded}, {@code daily_quota_exceeded},
 *       {@code monthly_quota_exceeded}</td><td>RateLimited({@code retry-after}, else
 *       {@code ratelimit-reset}, else unstated)</td></tr>
 *   <tr><td>451</td><td>{@code security_error}</td><td>Misconfigured: account-level, needs Resend support</td></tr>
 *   <tr><td>5xx</td><td>{@code application_error}, {@code internal_server_error}, any</td><td>Unavailable</td></tr>
 *   <tr><td>anything else</td><td>any</td><td>Unavailable</td></tr>
 * </table>
 */
final class ResendClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResendClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, String body, Clock clock) {
        JsonNode json = parse(body);
        String name = json.path("name").asText("");
        String said = describe(status, name, json.path("message").asText(""));
        if (status >= 200 && status < 300) {
            String id = json.path("id").asText("");
            return id.isBlank()
                    ? new SendOutcome.Ambiguous("Resend answered " + status + " without a readable message id")
                    : new SendOutcome.Accepted(id);
        }
        return switch (status) {
            case 400 ->
                name.equals("invalid_idempotency_key")
                        ? new SendOutcome.Unavailable(said)
                        : new SendOutcome.Rejected(said);
            case 422 -> new SendOutcome.Rejected(said);
            case 401, 403, 404, 405, 451 -> new SendOutcome.Misconfigured(said);
            case 409 -> new SendOutcome.Ambiguous(said + " (an earlier attempt of this message reached Resend)");
            case 429 ->
                new SendOutcome.RateLimited(RetryAfter.from(headers, clock).orElse(null), said);
            default -> new SendOutcome.Unavailable(said);
        };
    }

    private static String describe(int status, String name, String message) {
        StringBuilder text = new StringBuilder("Resend answered ").append(status);
        if (!name.isEmpty()) {
            text.append(' ').append(name);
        }
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }

    /** The body as JSON; an empty object when it is not JSON (an HTML error page, garbage). */
    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}

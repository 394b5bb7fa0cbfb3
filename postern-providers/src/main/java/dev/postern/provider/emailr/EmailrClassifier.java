package dev.postern.provider.emailr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;

/**
 * Reads emailr's answer to {@code POST /v1/emails/send} as a {@link SendOutcome}. Its spec documents
 * 200 {@code {"success", "message_id", "recipients"}} and 400/401/429 {@code {"error", "code",
 * "details"}} with code {@code VALIDATION_ERROR} as its one example; everything else is read
 * conservatively: an unknown answer fails over rather than failing the message.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>status</th><th>body</th><th>outcome</th></tr>
 *   <tr><td>2xx</td><td>{@code success: true} with a {@code message_id}</td><td>Accepted(message_id)</td></tr>
 *   <tr><td>2xx</td><td>{@code success: false}</td><td>Unavailable: emailr says it did not send</td></tr>
 *   <tr><td>2xx</td><td>no {@code message_id}, or not JSON</td><td>Ambiguous: it may have the message</td></tr>
 *   <tr><td>400</td><td>code {@code VALIDATION_ERROR}</td><td>Rejected</td></tr>
 *   <tr><td>400</td><td>any other code, or none</td><td>Unavailable: not known to be the message's fault</td></tr>
 *   <tr><td>401, 403</td><td>any</td><td>Misconfigured</td></tr>
 *   <tr><td>404, 405</td><td>any</td><td>Misconfigured ({@code base_url} points at the wrong place)</td></tr>
 *   <tr><td>429</td><td>any</td><td>RateLimited({@code Retry-After} if sent, else unstated)</td></tr>
 *   <tr><td>5xx, anything else</td><td>any</td><td>Unavailable</td></tr>
 * </table>
 */
final class EmailrClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmailrClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, String body, Clock clock) {
        JsonNode json = parse(body);
        String code = json.path("code").asText("");
        String error = json.path("error").asText("");
        String said = "emailr answered " + status + (code.isEmpty() ? "" : " " + code)
                + (error.isEmpty() ? "" : ": " + error);
        if (status >= 200 && status < 300) {
            String id = json.path("message_id").asText("");
            if (json.path("success").isBoolean() && !json.path("success").asBoolean()) {
                return new SendOutcome.Unavailable("emailr answered " + status + " with success: false");
            }
            return json.path("success").asBoolean() && !id.isBlank()
                    ? new SendOutcome.Accepted(id)
                    : new SendOutcome.Ambiguous("emailr answered " + status + " without a readable message_id");
        }
        return switch (status) {
            case 400 ->
                code.equals("VALIDATION_ERROR") ? new SendOutcome.Rejected(said) : new SendOutcome.Unavailable(said);
            case 401, 403, 404, 405 -> new SendOutcome.Misconfigured(said);
            case 429 ->
                new SendOutcome.RateLimited(RetryAfter.from(headers, clock).orElse(null), said);
            default -> new SendOutcome.Unavailable(said);
        };
    }

    /** The body as JSON; an empty object when it is not JSON. */
    static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}

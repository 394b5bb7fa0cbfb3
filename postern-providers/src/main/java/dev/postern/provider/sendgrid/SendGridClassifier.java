package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SendGrid's answer to {@code POST /v3/mail/send} as a {@link SendOutcome}. Error bodies are
 * {@code {"errors":[{"message","field","help"}],"id"?}}; their messages go into the outcome's detail.
 *
 * <table>
 *   <caption>status and body → outcome</caption>
 *   <tr><th>answer</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>202 (200 in sandbox mode) with a non-blank {@code X-Message-Id}</td><td>Accepted(id)</td>
 *       <td>the documented success</td></tr>
 *   <tr><td>2xx without {@code X-Message-Id}</td><td>Ambiguous</td>
 *       <td>SendGrid may hold the message, but we cannot tell nor trace it; never Accepted on a guess</td></tr>
 *   <tr><td>400 (field validation: bad address, too many recipients, …)</td><td>Rejected</td>
 *       <td>the request itself is invalid</td></tr>
 *   <tr><td>401 {@code authorization required}</td><td>Misconfigured</td><td>the API key is refused</td></tr>
 *   <tr><td>403 {@code access forbidden}</td><td>Misconfigured</td>
 *       <td>the key lacks the {@code mail.send} scope, or the account/sender is not allowed</td></tr>
 *   <tr><td>404, 405</td><td>Misconfigured</td><td>no such endpoint: {@code base_url} is wrong</td></tr>
 *   <tr><td>413 {@code content too large}</td><td>Rejected</td><td>the message exceeds 30 MB</td></tr>
 *   <tr><td>429 {@code too many requests}</td><td>RateLimited</td>
 *       <td>retry time from {@code Retry-After} or {@code X-RateLimit-Reset} when present, else null
 *       ({@code /v3/mail/send} is not known to send either)</td></tr>
 *   <tr><td>5xx</td><td>Unavailable</td><td>provider-side trouble</td></tr>
 *   <tr><td>any other status</td><td>Unavailable</td>
 *       <td>undocumented: fail over rather than fail the message on a guess</td></tr>
 * </table>
 */
final class SendGridClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private SendGridClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, byte[] body, Clock clock) {
        if (status == 200 || status == 202) {
            return headers.firstValue("X-Message-Id")
                    .filter(id -> !id.isBlank())
                    .<SendOutcome>map(id -> new SendOutcome.Accepted(id.strip()))
                    .orElseGet(() -> new SendOutcome.Ambiguous(
                            "SendGrid answered " + status + " without an X-Message-Id header"));
        }
        String why = "SendGrid " + status + ": " + errors(body);
        return switch (status) {
            case 400, 413 -> new SendOutcome.Rejected(why);
            case 401 -> new SendOutcome.Misconfigured(why + " (the API key is refused)");
            case 403 ->
                new SendOutcome.Misconfigured(why + " (the API key lacks mail.send, or the sender is not allowed)");
            case 404, 405 -> new SendOutcome.Misconfigured(why + " (check base_url)");
            case 429 ->
                new SendOutcome.RateLimited(RetryAfter.from(headers, clock).orElse(null), why);
            default -> new SendOutcome.Unavailable(why);
        };
    }

    /** The error messages of an error body, or a note that it had none we could read. */
    static String errors(byte[] body) {
        List<String> messages = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null) {
                for (JsonNode error : root.path("errors")) {
                    String message = error.path("message").asText("");
                    String field = error.path("field").isTextual()
                            ? error.path("field").asText()
                            : "";
                    boolean hasField = !field.isEmpty() && !field.equals("null");
                    messages.add(hasField ? field + ": " + message : message);
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        String text = messages.isEmpty()
                ? "no errors[] in the answer: " + new String(body, StandardCharsets.UTF_8).strip()
                : String.join("; ", messages);
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }
}

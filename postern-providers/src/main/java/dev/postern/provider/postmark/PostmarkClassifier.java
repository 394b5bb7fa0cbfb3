package dev.postern.provider.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Postmark's answer to {@code POST /email} as a {@link SendOutcome}. Errors are {@code
 * {"ErrorCode", "Message"}}, mostly with HTTP 422; the ErrorCode decides.
 *
 * <table>
 *   <caption>Classification</caption>
 *   <tr><th>status</th><th>ErrorCode</th><th>outcome</th></tr>
 *   <tr><td>200</td><td>0 with a {@code MessageID}</td><td>Accepted(MessageID)</td></tr>
 *   <tr><td>200</td><td>no {@code MessageID}, or not JSON</td><td>Ambiguous: Postmark said yes but its answer
 *       is unreadable, so it may have the message</td></tr>
 *   <tr><td>401</td><td>any (10: bad or missing token)</td><td>Misconfigured</td></tr>
 *   <tr><td>404</td><td>any</td><td>Misconfigured ({@code base_url} points at the wrong place)</td></tr>
 *   <tr><td>413</td><td>any</td><td>Rejected: the message is larger than Postmark takes (10 MB)</td></tr>
 *   <tr><td>429</td><td>429</td><td>RateLimited({@code Retry-After} if ever sent, else unstated)</td></tr>
 *   <tr><td>5xx</td><td>any (100: maintenance)</td><td>Unavailable</td></tr>
 *   <tr><td>200, 422, other 4xx</td><td>10 bad or missing token</td><td>Misconfigured</td></tr>
 *   <tr><td></td><td>100 maintenance</td><td>Unavailable</td></tr>
 *   <tr><td></td><td>300 invalid email request</td><td>Rejected</td></tr>
 *   <tr><td></td><td>300 whose message names the sender signature</td><td>Misconfigured: the sender is not
 *       confirmed at Postmark, another provider can send it</td></tr>
 *   <tr><td></td><td>400 sender signature not found, 401 not confirmed</td><td>Misconfigured</td></tr>
 *   <tr><td></td><td>402 invalid JSON, 403 incompatible JSON, 409 JSON required</td><td>Unavailable: Postmark
 *       could not read what the adapter wrote; the message itself may be fine elsewhere</td></tr>
 *   <tr><td></td><td>405 not allowed to send, 412 account pending, 413 account may not send</td>
 *       <td>Misconfigured</td></tr>
 *   <tr><td></td><td>406 inactive recipient (suppressed at Postmark) naming the addresses ("Found
 *       inactive addresses: a@b, c@d.")</td><td>RecipientsRefused: those recipients for good; Postmark sent
 *       nothing, so the others are still to send</td></tr>
 *   <tr><td></td><td>406 naming no address</td><td>Rejected</td></tr>
 *   <tr><td></td><td>410 too many batch messages, 411 forbidden attachment type</td><td>Rejected</td></tr>
 *   <tr><td></td><td>429 rate limit exceeded</td><td>RateLimited</td></tr>
 *   <tr><td></td><td>any other, or none</td><td>Unavailable: unknown answers fail over</td></tr>
 * </table>
 */
final class PostmarkClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** "Found inactive addresses: a@b, c@d." — the addresses, up to the sentence's end. */
    private static final Pattern INACTIVE = Pattern.compile("inactive addresses:\\s*(.+?)\\.(?:\\s|$)");

    private PostmarkClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, String body, Clock clock) {
        JsonNode json = parse(body);
        int code = json.path("ErrorCode").isInt() ? json.path("ErrorCode").asInt() : -1;
        String message = json.path("Message").asText("");
        String said = "Postmark answered " + status + (code >= 0 ? " ErrorCode " + code : "")
                + (message.isEmpty() ? "" : ": " + message);
        if (status == 200 && code == 0) {
            String id = json.path("MessageID").asText("");
            return id.isBlank()
                    ? new SendOutcome.Ambiguous("Postmark answered 200 without a readable MessageID")
                    : new SendOutcome.Accepted(id);
        }
        if (status == 200 && code < 0) {
            return new SendOutcome.Ambiguous("Postmark answered 200 with an unreadable body");
        }
        return switch (status) {
            case 401, 404 -> new SendOutcome.Misconfigured(said);
            case 413 -> new SendOutcome.Rejected(said);
            case 429 -> rateLimited(headers, clock, said);
            default ->
                status >= 500 ? new SendOutcome.Unavailable(said) : byErrorCode(code, message, headers, clock, said);
        };
    }

    private static SendOutcome byErrorCode(int code, String message, HttpHeaders headers, Clock clock, String said) {
        return switch (code) {
            case 10, 400, 401, 405, 412, 413 -> new SendOutcome.Misconfigured(said);
            case 300 ->
                message.toLowerCase(Locale.ROOT).contains("sender signature")
                        ? new SendOutcome.Misconfigured(said)
                        : new SendOutcome.Rejected(said);
            case 406 -> inactiveRecipients(message, said);
            case 410, 411 -> new SendOutcome.Rejected(said);
            case 429 -> rateLimited(headers, clock, said);
            default -> new SendOutcome.Unavailable(said); // 100, 402, 403, 409 and anything unknown
        };
    }

    /** Postmark names the suppressed recipients in its message; each is refused for good. */
    private static SendOutcome inactiveRecipients(String message, String said) {
        Matcher named = INACTIVE.matcher(message);
        if (!named.find()) {
            return new SendOutcome.Rejected(said);
        }
        List<RefusedRecipient> refused = new ArrayList<>();
        for (String address : named.group(1).split(",")) {
            if (!address.isBlank()) {
                refused.add(new RefusedRecipient(address.strip(), true, "inactive at Postmark (ErrorCode 406)"));
            }
        }
        return refused.isEmpty() ? new SendOutcome.Rejected(said) : new SendOutcome.RecipientsRefused(refused);
    }

    private static SendOutcome rateLimited(HttpHeaders headers, Clock clock, String said) {
        return new SendOutcome.RateLimited(RetryAfter.from(headers, clock).orElse(null), said);
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

package dev.postern.provider.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.RetryAfter;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Mailgun's answer to {@code POST /v3/{domain}/messages} as a {@link SendOutcome}. Error
 * bodies are {@code {"message":"…"}}; a refused key gets the bare text {@code Forbidden} (or {@code
 * {"Error":"unauthorized"}}). Mailgun states a rate limit's retry time only in the message text.
 *
 * <table>
 *   <caption>status and body → outcome</caption>
 *   <tr><th>answer</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>200 {@code {"id":"<…@domain>","message":"Queued. Thank you."}}</td><td>Accepted(id)</td>
 *       <td>documented success; the id is kept as given, angle brackets included</td></tr>
 *   <tr><td>200 without a readable {@code id}</td><td>Ambiguous</td>
 *       <td>Mailgun may hold the message, untraceably; never Accepted on a guess</td></tr>
 *   <tr><td>400 {@code … is not allowed to send: …} (sandbox domain, free account, unverified domain,
 *       inactive account)</td><td>Misconfigured</td><td>the account or domain cannot send</td></tr>
 *   <tr><td>400 otherwise (missing {@code from}/{@code to}, bad address, too many recipients, options
 *       over 16 kB, malformed multipart)</td><td>Rejected</td><td>the request itself is invalid</td></tr>
 *   <tr><td>401 {@code Forbidden}</td><td>Misconfigured</td><td>the API key is refused</td></tr>
 *   <tr><td>402, 403 (e.g. {@code not allowed to send large batches yet}, IP not usable)</td>
 *       <td>Misconfigured</td><td>an account restriction</td></tr>
 *   <tr><td>404 {@code Domain not found}</td><td>Misconfigured</td><td>wrong domain, region or base_url</td></tr>
 *   <tr><td>413 {@code request size exceeds 52.4MiB limit}</td><td>Rejected</td><td>message too big</td></tr>
 *   <tr><td>429 {@code … limit exceeded, try again after <N seconds | RFC 2822 date>}</td>
 *       <td>RateLimited</td><td>retry time from {@code Retry-After} if ever sent, else from the text,
 *       else null</td></tr>
 *   <tr><td>500, 502, 503, 504, any 5xx</td><td>Unavailable</td><td>provider trouble</td></tr>
 *   <tr><td>any other status</td><td>Unavailable</td><td>undocumented: fail over, not fail the message</td></tr>
 * </table>
 */
final class MailgunClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;
    private static final Pattern AFTER_SECONDS =
            Pattern.compile("try again after (\\d+) seconds?", Pattern.CASE_INSENSITIVE);
    private static final Pattern AFTER_DATE =
            Pattern.compile("try again after (.+?)\\.?\\s*$", Pattern.CASE_INSENSITIVE);

    private MailgunClassifier() {}

    static SendOutcome classify(int status, HttpHeaders headers, byte[] body, Clock clock) {
        if (status == 200) {
            return messageId(body)
                    .<SendOutcome>map(SendOutcome.Accepted::new)
                    .orElseGet(() -> new SendOutcome.Ambiguous("Mailgun answered 200 without a readable id"));
        }
        String message = message(body);
        String why = "Mailgun " + status + ": " + message;
        return switch (status) {
            case 400 ->
                message.toLowerCase(Locale.ROOT).contains("not allowed to send")
                        ? new SendOutcome.Misconfigured(why + " (the account or domain cannot send)")
                        : new SendOutcome.Rejected(why);
            case 401 -> new SendOutcome.Misconfigured(why + " (the API key is refused)");
            case 402, 403 -> new SendOutcome.Misconfigured(why + " (an account restriction)");
            case 404 -> new SendOutcome.Misconfigured(why + " (check domain, region and base_url)");
            case 413 -> new SendOutcome.Rejected(why);
            case 429 ->
                new SendOutcome.RateLimited(
                        RetryAfter.from(headers, clock)
                                .or(() -> statedWait(message, clock))
                                .orElse(null),
                        why);
            default -> new SendOutcome.Unavailable(why);
        };
    }

    /** The wait a 429's text asks for: {@code try again after 120 seconds} or {@code … after <date>}. */
    static Optional<Duration> statedWait(String message, Clock clock) {
        Matcher seconds = AFTER_SECONDS.matcher(message);
        if (seconds.find()) {
            String digits = seconds.group(1).replaceFirst("^0+(?=.)", "");
            // More digits than a long holds is "longer than anything": routing bounds it.
            return Optional.of(
                    digits.length() > 18
                            ? Duration.ofSeconds(Long.MAX_VALUE)
                            : Duration.ofSeconds(Long.parseLong(digits)));
        }
        Matcher date = AFTER_DATE.matcher(message);
        if (date.find()) {
            return RetryAfter.parse(date.group(1).strip().replaceAll(" (UTC|UT)$", " GMT"), clock);
        }
        return Optional.empty();
    }

    private static Optional<String> messageId(byte[] body) {
        try {
            JsonNode id = JSON.readTree(body).path("id");
            return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The error text: {@code message} (or {@code Error}) of a JSON object, a JSON string, or the raw text. */
    static String message(byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        String text = raw;
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                text = node.path("message").asText(node.path("Error").asText(raw));
            } else if (node != null && node.isTextual()) {
                text = node.asText();
            }
        } catch (IOException e) {
            // not JSON (e.g. the bare "Forbidden"): keep the raw text
        }
        if (text.isEmpty()) {
            text = "(empty body)";
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }
}

package dev.postern.provider.smtp;

import dev.postern.provider.SendOutcome;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an SMTP failure (the stage, the reply code, the reply text) into a {@link SendOutcome}.
 * Pure: no I/O, so every row below is tested. Code {@code -1} stands for "no usable reply": a read
 * timeout, a closed or reset connection, or a line that is not an SMTP reply. Rules apply in order;
 * "4.7.x" means the reply's RFC 3463 enhanced status code.
 *
 * <table>
 *   <caption>SMTP failures and their outcomes</caption>
 *   <tr><th>stage</th><th>reply</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>after the final {@code .}</td><td>none (-1), or a positive code other than 250</td>
 *       <td>Ambiguous</td><td>the relay may have queued it</td></tr>
 *   <tr><td>any other</td><td>none (-1)</td><td>Unavailable</td><td>nothing was handed over</td></tr>
 *   <tr><td>any other</td><td>2xx/3xx where another reply was due</td><td>Unavailable</td>
 *       <td>protocol error</td></tr>
 *   <tr><td>any</td><td>530, 534, 535, 538</td><td>Misconfigured</td><td>AUTH or TLS required, or
 *       our credentials refused (RFC 4954)</td></tr>
 *   <tr><td>AUTH</td><td>other 5xx</td><td>Misconfigured</td><td>e.g. 504 mechanism refused</td></tr>
 *   <tr><td>any</td><td>454 mentioning throttling</td><td>RateLimited (no time)</td>
 *       <td>SES: {@code 454 Throttling failure}</td></tr>
 *   <tr><td>any</td><td>421/450/451/452 with 4.7.x, or whose text says rate, throttling, "too many
 *       messages", "limit exceeded" or "slow down"</td><td>RateLimited (no time)</td>
 *       <td>policy or rate throttles; SMTP states no retry time</td></tr>
 *   <tr><td>any</td><td>other 4xx</td><td>Unavailable</td><td>transient relay trouble (RFC 5321 4yz)</td></tr>
 *   <tr><td>connect, greeting, EHLO, STARTTLS</td><td>5xx</td><td>Unavailable</td><td>the relay
 *       refuses service or TLS; another relay may not</td></tr>
 *   <tr><td>MAIL</td><td>552 or 5.3.4</td><td>Rejected</td><td>message too large (SIZE)</td></tr>
 *   <tr><td>MAIL</td><td>5.1.x</td><td>Rejected</td><td>the sender address or domain is bad</td></tr>
 *   <tr><td>MAIL</td><td>5.7.x</td><td>Misconfigured</td><td>sender not allowed for our account
 *       (unverified domain, relay denied)</td></tr>
 *   <tr><td>MAIL</td><td>other 5xx (550, 553, 554, …)</td><td>Unavailable</td><td>the relay
 *       refuses us, not the message</td></tr>
 *   <tr><td>RCPT</td><td>5.7.x mentioning relay</td><td>Misconfigured</td><td>relay access denied
 *       to our account</td></tr>
 *   <tr><td>RCPT</td><td>other 5xx (550/553 5.1.x, …)</td><td>Rejected</td><td>recipient unknown,
 *       invalid or suppressed</td></tr>
 * </table>
 *
 * <p>At {@code RCPT TO} most replies are about one recipient, not the relay, and {@link
 * RecipientAnswers} reads them per recipient before this table applies: only a reply {@link
 * #aboutTheRelay} (no reply, 421, the AUTH codes, 454, relay access denied, rate or quota words)
 * reaches the table when no recipient was taken.
 *
 * <table>
 *   <caption>SMTP failures after RCPT</caption>
 *   <tr><th>stage</th><th>reply</th><th>outcome</th><th>why</th></tr>
 *   <tr><td>DATA command</td><td>5xx</td><td>Unavailable</td><td>refused before any content</td></tr>
 *   <tr><td>after the final {@code .}</td><td>5xx mentioning "not verified"</td><td>Misconfigured</td>
 *       <td>SES: sender identity not verified</td></tr>
 *   <tr><td>after the final {@code .}</td><td>other 5xx (552, 554, 550, …)</td><td>Rejected</td>
 *       <td>the content was refused: size, spam, policy</td></tr>
 * </table>
 */
final class SmtpClassifier {
    /** An enhanced status code right after the reply code (RFC 3463 class.subject.detail). */
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private static final Pattern RATE_WORDS =
            Pattern.compile("throttl|rate limit|too many messages|limit exceeded|slow down|sending rate");

    private static final int MAX_DETAIL = 200;

    private SmtpClassifier() {}

    static SendOutcome classify(SmtpStage stage, int code, String reply) {
        String detail = detail(stage, code, reply);
        String text = reply == null ? "" : reply.toLowerCase(Locale.ROOT);
        String enhanced = enhanced(reply);
        int subject = enhanced.isEmpty() ? -1 : Integer.parseInt(enhanced.substring(0, enhanced.indexOf('.')));
        if (code < 200 || code > 599) {
            return stage.handedOver()
                    ? new SendOutcome.Ambiguous(detail + " (the relay may have taken the message)")
                    : new SendOutcome.Unavailable(detail);
        }
        if (code < 400) {
            return stage.handedOver() ? new SendOutcome.Ambiguous(detail) : new SendOutcome.Unavailable(detail);
        }
        if (code == 530 || code == 534 || code == 535 || code == 538 || (stage == SmtpStage.AUTH && code >= 500)) {
            return new SendOutcome.Misconfigured(detail);
        }
        if (code == 454 && text.contains("throttl")) {
            return new SendOutcome.RateLimited(null, detail);
        }
        if ((code == 421 || code == 450 || code == 451 || code == 452)
                && (subject == 7 || RATE_WORDS.matcher(text).find())) {
            return new SendOutcome.RateLimited(null, detail);
        }
        if (code < 500) {
            return new SendOutcome.Unavailable(detail);
        }
        return permanent(stage, code, enhanced, subject, text, detail);
    }

    private static SendOutcome permanent(
            SmtpStage stage, int code, String enhanced, int subject, String text, String detail) {
        return switch (stage) {
            case CONNECT, GREETING, EHLO, STARTTLS, AUTH, DATA, BODY -> new SendOutcome.Unavailable(detail);
            case MAIL -> {
                if (code == 552 || enhanced.equals("3.4") || subject == 1) {
                    yield new SendOutcome.Rejected(detail);
                }
                yield subject == 7 ? new SendOutcome.Misconfigured(detail) : new SendOutcome.Unavailable(detail);
            }
            case RCPT ->
                subject == 7 && text.contains("relay")
                        ? new SendOutcome.Misconfigured(detail)
                        : new SendOutcome.Rejected(detail);
            case AFTER_DOT ->
                text.contains("not verified")
                        ? new SendOutcome.Misconfigured(detail)
                        : new SendOutcome.Rejected(detail);
        };
    }

    /**
     * True when a reply at {@code RCPT TO} speaks of the relay rather than the recipient: no usable
     * reply, 421 (closing the channel), 530/534/535/538 (AUTH), 454 (AUTH, TLS or SES throttling),
     * 5.7.x relay access denied, or a rate or quota limit. Everything else there — unknown mailbox,
     * greylisting ({@code 451 4.7.1}), a busy or full mailbox, too many recipients — is the
     * recipient's own answer.
     */
    static boolean aboutTheRelay(int code, String reply) {
        String text = reply == null ? "" : reply.toLowerCase(Locale.ROOT);
        String enhanced = enhanced(reply);
        return code < 400
                || code > 599
                || code == 421
                || code == 454
                || code == 530
                || code == 534
                || code == 535
                || code == 538
                || (code >= 500 && enhanced.startsWith("7.") && text.contains("relay"))
                || RATE_WORDS.matcher(text).find();
    }

    /** A reply as one bounded line: "550 5.1.1 User unknown". */
    static String oneLine(String reply, int code) {
        String said = reply == null || reply.isBlank() ? (code < 0 ? "no reply" : String.valueOf(code)) : reply;
        String line = said.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }

    /** "subject.detail" of the enhanced status code ("7.0" for 4.7.0), or "" when there is none. */
    private static String enhanced(String reply) {
        if (reply == null) {
            return "";
        }
        Matcher m = ENHANCED.matcher(reply.strip());
        return m.find() ? m.group(2) + "." + m.group(3) : "";
    }

    /** "at RCPT TO: 550 5.1.1 user unknown", one line, bounded, for logs and the API. */
    static String detail(SmtpStage stage, int code, String reply) {
        return "at " + stage + ": " + oneLine(reply, code);
    }
}

package dev.postern.provider.ses;

import dev.postern.provider.SendOutcome;
import java.util.Locale;
import java.util.Set;

/**
 * Reads SES's answers into outcomes. SES answers errors as REST-JSON: an HTTP status, the error
 * code in {@code x-amzn-ErrorType} (which the AWS SDK exposes as {@code errorCode()}, suffixes
 * stripped) and a {@code message}. SES states no retry time, so every {@code RateLimited} has none.
 *
 * <table>
 *   <caption>Service answers (status, error code, message → outcome); first matching row wins</caption>
 *   <tr><th>status</th><th>error code / message</th><th>outcome</th></tr>
 *   <tr><td>200</td><td>{@code MessageId} present</td><td>Accepted (in {@link SesProvider})</td></tr>
 *   <tr><td>200</td><td>no {@code MessageId}, or a body the SDK cannot read</td><td>Ambiguous</td></tr>
 *   <tr><td>401, 403 or any</td><td>{@code AccessDenied(Exception)}, {@code InvalidSignatureException},
 *       {@code SignatureDoesNotMatch}, {@code UnrecognizedClientException}, {@code InvalidClientTokenId},
 *       {@code MissingAuthenticationToken(Exception)}, {@code IncompleteSignature(Exception)},
 *       {@code ExpiredToken(Exception)}, {@code NotAuthorized}</td><td>Misconfigured</td></tr>
 *   <tr><td>429 or any</td><td>{@code TooManyRequestsException}, {@code LimitExceededException},
 *       {@code Throttling(Exception)}, or message "Maximum sending rate exceeded", "Daily message quota
 *       exceeded", "Throttling failure"</td><td>RateLimited (no retry time)</td></tr>
 *   <tr><td>400</td><td>{@code MailFromDomainNotVerifiedException}</td><td>Misconfigured</td></tr>
 *   <tr><td>400</td><td>{@code AccountSuspendedException}</td><td>Misconfigured</td></tr>
 *   <tr><td>400</td><td>{@code SendingPausedException}</td><td>Misconfigured</td></tr>
 *   <tr><td>404</td><td>{@code NotFoundException} (configuration set missing)</td><td>Misconfigured</td></tr>
 *   <tr><td>400</td><td>{@code MessageRejected} "Email address is not verified…" (sandbox or
 *       unverified sender)</td><td>Misconfigured</td></tr>
 *   <tr><td>400</td><td>{@code MessageRejected} (content, e.g. a virus)</td><td>Rejected</td></tr>
 *   <tr><td>400</td><td>{@code BadRequestException} (invalid request or address)</td><td>Rejected</td></tr>
 *   <tr><td>401, 403</td><td>any other code</td><td>Misconfigured</td></tr>
 *   <tr><td>5xx</td><td>any ({@code InternalFailure}, {@code ServiceUnavailable}, …)</td><td>Unavailable</td></tr>
 *   <tr><td>other</td><td>any other code, or none</td><td>Unavailable (never Accepted)</td></tr>
 * </table>
 *
 * <p>Failures without an answer are read by {@link SesFailures}.
 */
final class SesClassifier {
    private static final Set<String> CREDENTIALS = Set.of(
            "accessdenied",
            "accessdeniedexception",
            "invalidsignatureexception",
            "signaturedoesnotmatch",
            "unrecognizedclientexception",
            "invalidclienttokenid",
            "missingauthenticationtoken",
            "missingauthenticationtokenexception",
            "incompletesignature",
            "incompletesignatureexception",
            "expiredtoken",
            "expiredtokenexception",
            "notauthorized");

    private static final Set<String> THROTTLING =
            Set.of("toomanyrequestsexception", "limitexceededexception", "throttling", "throttlingexception");

    private static final Set<String> ACCOUNT = Set.of(
            "mailfromdomainnotverifiedexception",
            "accountsuspendedexception",
            "sendingpausedexception",
            "notfoundexception");

    private SesClassifier() {}

    /** The outcome of an error answer; {@code code} and {@code message} may be null. */
    static SendOutcome classify(int status, String code, String message) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        String m = message == null ? "" : message;
        String why = "SES answered " + status + (code == null ? "" : " " + code) + (m.isEmpty() ? "" : ": " + m);
        if (CREDENTIALS.contains(c)) {
            return new SendOutcome.Misconfigured("SES refused our credentials: " + why);
        }
        if (THROTTLING.contains(c) || status == 429 || throttlingText(m)) {
            return new SendOutcome.RateLimited(null, why);
        }
        if (ACCOUNT.contains(c)) {
            return new SendOutcome.Misconfigured("SES account or identity problem: " + why);
        }
        if (c.equals("messagerejected")) {
            // In the sandbox, or with an unverified sender, SES rejects as "not verified": an account matter.
            return m.toLowerCase(Locale.ROOT).contains("not verified")
                    ? new SendOutcome.Misconfigured("SES identity not verified: " + why)
                    : new SendOutcome.Rejected(why);
        }
        if (c.equals("badrequestexception")) {
            return new SendOutcome.Rejected(why);
        }
        if (status == 401 || status == 403) {
            return new SendOutcome.Misconfigured("SES refused our credentials: " + why);
        }
        return new SendOutcome.Unavailable(why);
    }

    private static boolean throttlingText(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("maximum sending rate exceeded")
                || m.contains("daily message quota exceeded")
                || m.contains("throttling failure");
    }
}

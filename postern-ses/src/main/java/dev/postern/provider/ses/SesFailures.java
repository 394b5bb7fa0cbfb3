package dev.postern.provider.ses;

import dev.postern.provider.SendOutcome;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Reads a failure that brought no answer from SES (the AWS SDK's {@code SdkClientException} and
 * its causes) the way {@code HttpTransport} does for the other adapters: did the request reach SES?
 *
 * <table>
 *   <caption>Failures without an answer (cause chain → outcome); first matching row wins</caption>
 *   <tr><th>in the cause chain</th><th>outcome</th></tr>
 *   <tr><td>{@code ConnectException}, {@code UnknownHostException}, {@code NoRouteToHostException},
 *       {@code SSLHandshakeException}, {@code SocketTimeoutException} "connect timed out"</td>
 *       <td>Unavailable: nothing was handed over</td></tr>
 *   <tr><td>{@code SocketTimeoutException} (read), {@code ApiCallTimeoutException}, {@code
 *       ApiCallAttemptTimeoutException}</td><td>Ambiguous: the request was sent, no answer in time</td></tr>
 *   <tr><td>anything else (reset, end of stream before the answer, an answer the SDK cannot read)</td>
 *       <td>Ambiguous: SES may have the message</td></tr>
 * </table>
 */
final class SesFailures {
    private SesFailures() {}

    static SendOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof SSLHandshakeException
                    || (t instanceof SocketTimeoutException && connectTimeout(t))) {
                return new SendOutcome.Unavailable("SES unreachable: " + describe(t));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException
                    || t instanceof ApiCallTimeoutException
                    || t instanceof ApiCallAttemptTimeoutException) {
                return new SendOutcome.Ambiguous(
                        "no answer from SES in time after the request was sent: " + describe(t));
            }
        }
        return new SendOutcome.Ambiguous(
                "no readable answer from SES after the request was sent: " + describe(failure));
    }

    private static boolean connectTimeout(Throwable t) {
        return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("connect timed out");
    }

    /** The failure's type and the first line of its message, at most 200 characters. */
    private static String describe(Throwable t) {
        if (t.getMessage() == null) {
            return t.getClass().getSimpleName();
        }
        String line = t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + " (" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + ")";
    }
}

package dev.postern.provider.transport;

import dev.postern.http.CappedBody;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.UploadTime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * The JDK HTTP client with Postern's timeouts and its reading of failures. Shared by every HTTP
 * adapter so that "did the request reach the provider?" is decided in one place:
 *
 * <ul>
 *   <li>connect refused, connect timeout, unknown host, TLS handshake failure → {@code Unavailable}
 *       (nothing was handed over, failing over cannot duplicate);
 *   <li>any failure once connected (request timeout, reset, EOF before the answer) → {@code
 *       Ambiguous}: the JDK client does not tell whether the body was fully sent, so Postern
 *       assumes it may have been;
 *   <li>cancelled by Postern (the provider is suspect), or timed out, before the client took the
 *       body → {@code Unavailable}: the body is what carries the message, and it was never sent.
 * </ul>
 *
 * <p>An attempt's request timeout is the configured one plus {@link UploadTime} for its body, so
 * a 25 MiB message on a slow link is not cut off for its size.
 *
 * <p>An attempt's request carries {@code Expect: 100-continue} (RFC 9110 §10.1.1), so the body
 * leaves only once the provider has answered {@code 100 Continue} — or its final answer, which
 * ends the exchange without the body. A provider that accepts the connection and never answers
 * therefore never receives the message, and Postern may abandon the attempt for another provider
 * without risking a duplicate (docs/routing.md, suspect providers). The price is one round trip per send, paid in
 * latency, not in throughput.
 */
public final class HttpTransport {
    /** The largest answer body read (the rest is never read, {@link CappedBody}); providers' answers are small. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpTransport(Timeouts timeouts) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = timeouts.request();
    }

    /** Sends {@code request} (its own timeout, if set, wins) and reads the answer: for health probes. */
    public HttpAnswer send(HttpRequest.Builder request) {
        return send(request, null);
    }

    /**
     * Sends {@code request} for one attempt and reports its progress to {@code context}: the
     * attempt is handed over when the client starts to take the request body — after the
     * provider's {@code 100 Continue} (conservative: the headers alone cannot deliver a message) —
     * and until then Postern may cancel it, which aborts the exchange. Without a body the request
     * counts as handed over at once.
     */
    public HttpAnswer send(HttpRequest.Builder request, AttemptContext context) {
        if (context != null) {
            request.expectContinue(true);
        }
        // A big body earns the time its size takes on the way, so that only a provider's silence times out.
        long bodyBytes = request.build()
                .bodyPublisher()
                .map(HttpRequest.BodyPublisher::contentLength)
                .orElse(0L);
        Duration timeout = requestTimeout.plus(UploadTime.of(bodyBytes));
        HttpRequest built = request.timeout(timeout).build();
        if (context != null) {
            built = HandOffBody.watch(built, context);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(built, CappedBody.handler(MAX_ANSWER_BYTES));
        if (context != null) {
            context.onCancel(() -> exchange.cancel(true));
        }
        try {
            HttpResponse<byte[]> response = exchange.get();
            return new HttpAnswer.Answered(response.statusCode(), response.headers(), response.body());
        } catch (CancellationException e) {
            return unavailable("cancelled before the request was handed over");
        } catch (ExecutionException e) {
            HttpAnswer.Failed failed = failed(e.getCause(), timeout);
            if (context != null
                    && context.phase() != AttemptPhase.AWAITING_ANSWER
                    && failed.outcome() instanceof SendOutcome.Ambiguous) {
                return unavailable(notSent(e.getCause(), failed.outcome(), timeout));
            }
            return failed;
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("interrupted while waiting for the answer"));
        }
    }

    private HttpAnswer.Failed failed(Throwable failure, Duration timeout) {
        if (failure instanceof CancellationException) {
            // Only a cancelled attempt cancels the exchange, and only before its body was taken.
            return unavailable("cancelled before the request was handed over");
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return unavailable("connect timed out after "
                    + client.connectTimeout().orElseThrow().toMillis() + " ms");
        }
        if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
            return unavailable("connection refused");
        }
        if (failure instanceof SSLException) {
            return unavailable("TLS failure: " + failure.getMessage());
        }
        if (failure instanceof UnresolvedAddressException || failure.getCause() instanceof UnresolvedAddressException) {
            return unavailable("unknown host");
        }
        if (failure instanceof HttpTimeoutException) {
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous(
                    "no answer within " + timeout.toMillis() + " ms after the request was sent"));
        }
        if (failure instanceof IOException) {
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("connection lost before the answer: " + failure));
        }
        return new HttpAnswer.Failed(new SendOutcome.Ambiguous("the request failed: " + failure));
    }

    /** Why an attempt failed before its body left: nothing of the message reached the provider. */
    private static String notSent(Throwable failure, SendOutcome outcome, Duration timeout) {
        if (failure instanceof HttpTimeoutException) {
            return "no answer (not even 100 Continue) within " + timeout.toMillis() + " ms; the message was not sent";
        }
        return outcome.detail() + "; the message was not sent";
    }

    private static HttpAnswer.Failed unavailable(String reason) {
        return new HttpAnswer.Failed(new SendOutcome.Unavailable(reason));
    }
}

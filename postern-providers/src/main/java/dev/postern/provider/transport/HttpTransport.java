package dev.postern.provider.transport;

import dev.postern.provider.SendOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
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
 *       assumes it may have been.
 * </ul>
 */
public final class HttpTransport {
    /** The largest answer body read; providers' answers are small. */
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

    /** Sends {@code request} (its own timeout, if set, wins) and reads the answer. */
    public HttpAnswer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(requestTimeout).build();
        try {
            HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (body.length > MAX_ANSWER_BYTES) {
                body = java.util.Arrays.copyOf(body, MAX_ANSWER_BYTES);
            }
            return new HttpAnswer.Answered(response.statusCode(), response.headers(), body);
        } catch (HttpConnectTimeoutException e) {
            return unavailable("connect timed out after "
                    + client.connectTimeout().orElseThrow().toMillis() + " ms");
        } catch (ConnectException e) {
            return unavailable("connection refused");
        } catch (SSLException e) {
            return unavailable("TLS failure: " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous(
                    "no answer within " + requestTimeout.toMillis() + " ms after the request was sent"));
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException) {
                return unavailable("unknown host");
            }
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("connection lost before the answer: " + e));
        } catch (UnresolvedAddressException e) {
            return unavailable("unknown host");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpAnswer.Failed(new SendOutcome.Ambiguous("interrupted while waiting for the answer"));
        }
    }

    private static HttpAnswer unavailable(String reason) {
        return new HttpAnswer.Failed(new SendOutcome.Unavailable(reason));
    }
}

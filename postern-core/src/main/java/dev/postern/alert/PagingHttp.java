package dev.postern.alert;

import dev.postern.http.CappedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JSON POST from a paging sink (PagerDuty, Opsgenie), read as those APIs document their
 * answers: 2xx took it; 408, 429 and 5xx (and any failure to connect or answer) are worth
 * retrying, so they throw {@link IOException} and the alert is retried with backoff; any other 4xx
 * (invalid event, key refused) throws {@link AlertRefusedException} and is not retried. The whole
 * exchange, answer included, is bounded by {@code timeout}, the answer by {@link
 * #MAX_ANSWER_BYTES}; redirects are not followed. The secret is blanked out of every message, in
 * case a service echoes it.
 */
final class PagingHttp {
    /** The largest answer body read; paging APIs answer in a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;

    private static final int MAX_REASON_CHARS = 300;

    private final String service;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;

    PagingHttp(String service, String secret, Duration timeout) {
        this.service = service;
        this.secret = secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs {@code body} as JSON with {@code headers}; returns the answer's body of a 2xx. */
    String post(URI url, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response = exchange(request.build());
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status / 100 == 2) {
            return answer;
        }
        String what = service + " answered HTTP " + status + ": " + reason(answer);
        if (status / 100 == 4 && status != 408 && status != 429) {
            throw new AlertRefusedException(what);
        }
        throw new IOException(what);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        // the request timeout covers the answer's headers; this bounds reading its body as well
        CompletableFuture<HttpResponse<byte[]>> sending = http.sendAsync(request, CappedBody.handler(MAX_ANSWER_BYTES));
        try {
            return sending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            sending.cancel(true);
            throw new IOException(service + " did not answer within " + timeout);
        } catch (InterruptedException e) {
            sending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new IOException(service + " could not be reached: " + e.getCause(), e.getCause());
        }
    }

    /** The answer as one bounded line of text, the secret blanked out. */
    private String reason(String answer) {
        String line = answer.replaceAll("\\p{Cntrl}+", " ").strip();
        if (!secret.isEmpty()) {
            line = line.replace(secret, "****");
        }
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "…" : line;
    }

    /**
     * Refuses a credential that could not travel in a header or JSON as given: blank, or holding
     * control characters (CR/LF would split the header). Names {@code key}, never the value.
     */
    static String credential(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(key + " must not contain control characters (CR, LF, …)");
        }
        return value;
    }

    /** Accepts only absolute http(s) URLs, naming {@code key}. */
    static URI httpUrl(URI url, String key) {
        if (url == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http or https URL");
        }
        return url;
    }
}

package dev.postern.server.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Confirms a provider's webhook subscription (Amazon SNS) by fetching the URL its verifier checked.
 * Injectable so that tests need no AWS.
 */
@FunctionalInterface
public interface SubscriptionConfirmer {

    /** How long a confirmation may take, connecting and answering together. */
    Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * Fetches {@code url}; returns normally on a 2xx answer.
     *
     * @throws IOException when it cannot be fetched or the answer is not 2xx
     */
    void confirm(URI url) throws IOException, InterruptedException;

    /** A GET over {@link HttpClient}, bounded by {@link #TIMEOUT}; the answer's body is discarded. */
    static SubscriptionConfirmer http() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return url -> {
            HttpResponse<Void> answer = client.send(
                    HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                throw new IOException("the subscription confirmation answered " + answer.statusCode());
            }
        };
    }
}

package dev.postern.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Requests on a new connection each, for tests that run the gateway with a short {@code
 * idle_timeout}: a pooled keep-alive connection reused just as the server closes it for idleness
 * fails with "received no bytes" — HTTP's keep-alive race, which real clients meet and retry, but
 * which would make such a test fail by chance.
 */
final class FreshHttp {
    private FreshHttp() {}

    static HttpResponse<String> send(HttpRequest request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return TestGateway.send(client, request);
        }
    }

    static HttpResponse<String> post(TestGateway gw, String path, String key, String body) {
        return send(gw.request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static HttpResponse<String> get(TestGateway gw, String path, String key) {
        return send(gw.request(path, key).GET().build());
    }
}

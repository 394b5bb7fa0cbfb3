package dev.postern.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's client of a running gateway's HTTP API. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and JSON body (null when the body was not JSON). */
    record Answer(int status, JsonNode body, String raw) {
        /** The error's message in the API's error shape, or the raw body. */
        String error() {
            JsonNode e = body == null ? null : body.get("error");
            if (e == null) {
                return "HTTP " + status + ": " + raw;
            }
            String field = e.path("field").isNull() || e.path("field").isMissingNode()
                    ? ""
                    : " (" + e.get("field").asText() + ")";
            return "HTTP " + status + " " + e.path("code").asText() + ": "
                    + e.path("message").asText() + field;
        }
    }

    private final URI base;
    private final String key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** POSTs {@code body}; with an {@code idempotencyKey} (may be null) as {@code Idempotency-Key}. */
    Answer post(String path, JsonNode body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = null;
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (ConnectException e) {
            throw new ConnectException("no gateway answers at " + base + " (is postern serve running?)");
        }
    }
}

package dev.postern.sim.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.RequestSchema;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service that implements Postern's generic JSON webhook ({@code type: http}): {@code POST
 * /messages} takes a message, {@code GET /health} answers health checks, both behind {@code
 * Authorization: Bearer <api key>}. A send must carry {@code Content-Type: application/json}, a body
 * valid against the contract's schema ({@code specs/postern-http/openapi.yaml}), and {@code
 * X-Postern-Id} and {@code Idempotency-Key} headers equal to the body's {@code id}. A repeated
 * idempotency key gets the first answer again and is not recorded twice.
 *
 * <p>Answers: 200 {@code {"id": "…"}}; errors {@code {"error": "…"}} with 400 (not JSON), 401 (key),
 * 422 (contract violated, recipient refused), 429 with {@code Retry-After} in seconds, or the status
 * of an {@code error(status)} fault.
 */
public final class WebhookSimulator extends HttpSimulator {
    /** Where the simulator takes messages; adapters point their {@code url} here. */
    public static final String SEND_PATH = "/messages";

    public static final String HEALTH_PATH = "/health";

    private static final RequestSchema SCHEMA = RequestSchema.load(
            "specs/postern-http/openapi.yaml", "/paths/~1messages/post/requestBody/content/application~1json/schema");

    private final String apiKey;
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    /** A simulator on {@code port} (0: any free port) that accepts only {@code apiKey}. */
    public WebhookSimulator(int port, String apiKey) {
        super("http", port);
        sendsEvents(new PosternEvents());
        this.apiKey = apiKey;
    }

    @Override
    public WebhookSimulator start() {
        super.start();
        return this;
    }

    @Override
    public void clear() {
        super.clear();
        idsByKey.clear();
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        return request.bearerToken().filter(apiKey::equals).isPresent()
                ? Optional.empty()
                : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return problem(401, "missing or unknown API key");
    }

    @Override
    protected SimResponse error(int status) {
        return problem(status, "simulated error " + status);
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return problem(429, "too many messages").withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return problem(422, "recipient refused: address is on the suppression list");
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals(SEND_PATH);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (isSend(request) && request.method().equals("POST")) {
            return send(request);
        }
        if (request.path().equals(HEALTH_PATH) && request.method().equals("GET")) {
            return SimResponse.json(200, Map.of("status", "ok"));
        }
        return problem(404, "no such resource: " + request.method() + " " + request.path());
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("application/json")) {
            return problem(415, "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return problem(400, "the body is not JSON");
        }
        List<String> problems = new ArrayList<>(SCHEMA.violations(body));
        String id = body.path("id").asText();
        for (String header : List.of("X-Postern-Id", "Idempotency-Key")) {
            if (!request.header(header).orElse("").equals(id)) {
                problems.add(header + " header must equal the body's id");
            }
        }
        if (!problems.isEmpty()) {
            return problem(422, String.join("; ", problems));
        }
        List<ReceivedMessage.ReceivedAttachment> attachments = new ArrayList<>();
        try {
            body.path("attachments")
                    .forEach(a -> attachments.add(new ReceivedMessage.ReceivedAttachment(
                            a.path("filename").asText(),
                            a.path("content_type").asText(),
                            Base64.getDecoder().decode(a.path("content_base64").asText()))));
        } catch (IllegalArgumentException e) {
            return problem(422, "attachments: content_base64 is not base64");
        }
        String serviceId = idsByKey.computeIfAbsent(id, key -> {
            String fresh = nextId("wh-");
            record(message(fresh, body, attachments));
            return fresh;
        });
        return SimResponse.json(200, Map.of("id", serviceId));
    }

    private static ReceivedMessage message(
            String id, JsonNode body, List<ReceivedMessage.ReceivedAttachment> attachments) {
        return new ReceivedMessage(
                id,
                body.path("from").asText(),
                strings(body.path("to")),
                strings(body.path("cc")),
                strings(body.path("bcc")),
                body.path("subject").asText(),
                body.path("text").isNull() ? null : body.path("text").asText(),
                body.path("html").isNull() ? null : body.path("html").asText(),
                stringMap(body.path("headers")),
                stringMap(body.path("metadata")),
                strings(body.path("tags")),
                attachments);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static SimResponse problem(int status, String error) {
        return SimResponse.json(status, Map.of("error", error));
    }
}

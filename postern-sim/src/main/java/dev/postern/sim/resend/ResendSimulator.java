package dev.postern.sim.resend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.Fault;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Resend's {@code POST /emails} on loopback: {@code Authorization: Bearer re_…}, the request body
 * checked against Resend's OpenAPI schema plus the rules its documentation states in prose, answers
 * {@code {"id"}} and errors {@code {"statusCode", "name", "message"}}, {@code ratelimit-*} headers
 * (2 a second; the {@code budget} fault lowers what they report), and {@code Idempotency-Key}: the same key within 24 h returns the first answer and records
 * nothing new. Health: {@code GET /domains}.
 *
 * <p>Under the {@code reset_after_body} fault the request is processed before the connection is
 * dropped: the provider took the message and the answer was lost, which is the case idempotency
 * keys exist for.
 */
public final class ResendSimulator extends HttpSimulator {
    private final String apiKey;
    private final ResendIdempotency idempotency;
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    /** A simulator on {@code port} (0 for any free port) accepting {@code apiKey}. */
    public ResendSimulator(int port, String apiKey) {
        this(port, apiKey, Clock.systemUTC());
    }

    /** As above, with the clock that decides when an idempotency key expires (24 h). */
    public ResendSimulator(int port, String apiKey, Clock clock) {
        super("resend", port);
        sendsEvents(new ResendEvents());
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.idempotency = new ResendIdempotency(clock);
    }

    /** The {@code Idempotency-Key} of every send request served, oldest first (replays included). */
    public List<String> idempotencyKeys() {
        return List.copyOf(idempotencyKeys);
    }

    @Override
    public void clear() {
        super.clear();
        idempotency.clear();
        idempotencyKeys.clear();
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        if (request.header("Authorization").isEmpty()) {
            return Optional.of(error(
                    401,
                    "missing_api_key",
                    "Missing API key in the authorization header. Include the following header "
                            + "Authorization: Bearer YOUR_API_KEY in the request."));
        }
        return request.bearerToken().filter(apiKey::equals).isPresent()
                ? Optional.empty()
                : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return error(403, "invalid_api_key", "API key is invalid");
    }

    @Override
    protected SimResponse error(int status) {
        String name = switch (status) {
            case 400, 422 -> "validation_error";
            case 401 -> "missing_api_key";
            case 403 -> "invalid_api_key";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 429 -> "rate_limit_exceeded";
            case 451 -> "security_error";
            case 500 -> "internal_server_error";
            default -> "application_error";
        };
        return error(status, name, "Simulated error " + status);
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        String seconds = Long.toString(retryAfter.toSeconds());
        return error(
                        429,
                        "rate_limit_exceeded",
                        "Too many requests. You can only make 2 requests per second. See rate limit response "
                                + "headers for more information. Or contact support to increase rate limit.")
                .withHeader("retry-after", seconds)
                .withHeader("ratelimit-limit", "2")
                .withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", seconds);
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return error(
                422,
                "validation_error",
                "Invalid `to` field. The email address needs to follow the `email@example.com` or "
                        + "`Name <email@example.com>` format.");
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals("/emails");
    }

    @Override
    protected void beforeReset(SimRequest request) {
        serveNormally(request);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (isSend(request)) {
            return request.method().equals("POST")
                    ? send(request)
                    : error(405, "method_not_allowed", "Method is not allowed for the requested path.");
        }
        if (request.path().equals("/domains") && request.method().equals("GET")) {
            return withRateLimitHeaders(SimResponse.json(
                    200,
                    Map.of(
                            "object",
                            "list",
                            "has_more",
                            false,
                            "data",
                            List.of(Map.of(
                                    "id",
                                    "d91cd9bd-1176-453e-8fc1-35364d380206",
                                    "name",
                                    "shop.example",
                                    "status",
                                    "verified",
                                    "region",
                                    "us-east-1")))));
        }
        return error(404, "not_found", "The requested endpoint does not exist.");
    }

    private SimResponse send(SimRequest request) {
        Optional<String> key = request.header("Idempotency-Key");
        if (key.isPresent() && (key.get().isEmpty() || key.get().length() > 256)) {
            return error(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
        }
        if (!request.mediaType().equals("application/json")) {
            return error(400, "validation_error", "Invalid content type: expected application/json");
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return error(400, "validation_error", "Invalid JSON body");
        }
        if (key.isEmpty()) {
            return accept(body);
        }
        idempotencyKeys.add(key.get());
        return idempotency.answer(key.get(), body, () -> accept(body));
    }

    private SimResponse accept(JsonNode body) {
        Optional<SimResponse> problem = ResendSendCheck.problem(body);
        if (problem.isPresent()) {
            return problem.get();
        }
        String id = UUID.randomUUID().toString();
        record(ResendMessages.received(id, body));
        return withRateLimitHeaders(SimResponse.json(200, Map.of("id", id)));
    }

    /** Resend's default limit, 2 requests a second, less what the {@code budget} fault takes away. */
    private SimResponse withRateLimitHeaders(SimResponse response) {
        Fault.Budget budget = reportedBudget(2);
        return response.withHeader("ratelimit-limit", "2")
                .withHeader("ratelimit-remaining", Long.toString(budget.remaining()))
                .withHeader("ratelimit-reset", Long.toString(budget.reset().toSeconds()));
    }

    /** Resend's error shape. */
    static SimResponse error(int status, String name, String message) {
        return SimResponse.json(status, Map.of("statusCode", status, "name", name, "message", message));
    }
}

package dev.postern.sim.emailr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * emailr's {@code POST /v1/emails/send} on loopback, after the OpenAPI description in its official
 * SDK (emailr-dev/emailr-typescript {@code .speakeasy/out.openapi.yaml}): {@code Authorization:
 * Bearer <key>}, the body checked by hand, answers {@code {"success": true, "message_id",
 * "recipients"}} and errors {@code {"error", "code", "details"}} with 400, 401 and 429. Health:
 * {@code GET /v1/domains} and {@code GET /v1/metrics/usage}.
 */
public final class EmailrSimulator extends HttpSimulator {
    private final String apiKey;

    /** A simulator on {@code port} (0 for any free port) accepting {@code apiKey}. */
    public EmailrSimulator(int port, String apiKey) {
        super("emailr", port);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        return request.bearerToken().filter(apiKey::equals).isPresent()
                ? Optional.empty()
                : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return error(401, "Invalid or missing API key", "UNAUTHORIZED", null);
    }

    @Override
    protected SimResponse error(int status) {
        return switch (status) {
            case 400 -> error(400, "Validation failed", "VALIDATION_ERROR", null);
            case 401 -> unauthorized();
            case 429 -> error(429, "Rate limit exceeded", "RATE_LIMIT_EXCEEDED", null);
            default -> error(status, "Internal server error", "INTERNAL_ERROR", null);
        };
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        // emailr documents no rate-limit headers, so none are sent.
        return error(429, "Rate limit exceeded", "RATE_LIMIT_EXCEEDED", null);
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return error(
                400,
                "Validation failed",
                "VALIDATION_ERROR",
                List.of(Map.of("path", List.of("to"), "message", "Recipient address is invalid or suppressed")));
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals("/v1/emails/send");
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (isSend(request) && request.method().equals("POST")) {
            return send(request);
        }
        if (request.method().equals("GET") && request.path().equals("/v1/domains")) {
            return SimResponse.json(
                    200,
                    List.of(Map.of(
                            "id",
                            "3f0c7a5e-8d1b-4c5e-9a27-2f6d1b0e4c11",
                            "domain",
                            "shop.example",
                            "status",
                            "verified",
                            "dkim_verified",
                            true,
                            "spf_verified",
                            true,
                            "dmarc_verified",
                            true)));
        }
        if (request.method().equals("GET") && request.path().equals("/v1/metrics/usage")) {
            return SimResponse.json(200, Map.of("emails_sent", received().size()));
        }
        return error(404, "Not found", "NOT_FOUND", null);
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("application/json")) {
            return error(400, "Validation failed", "VALIDATION_ERROR", "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return error(400, "Invalid JSON body", "VALIDATION_ERROR", null);
        }
        List<Map<String, Object>> issues = EmailrSendCheck.issues(body);
        if (!issues.isEmpty()) {
            return error(400, "Validation failed", "VALIDATION_ERROR", issues);
        }
        String id = UUID.randomUUID().toString();
        record(EmailrMessages.received(id, body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("message_id", id);
        answer.put("recipients", EmailrMessages.addresses(body.get("to")).size());
        return SimResponse.json(200, answer);
    }

    /** emailr's error shape; {@code details} may be null. */
    static SimResponse error(int status, String error, String code, Object details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("code", code);
        body.put("details", details);
        return SimResponse.json(status, body);
    }
}

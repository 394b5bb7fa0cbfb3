package dev.postern.sim.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Postmark's {@code POST /email} on loopback: header {@code X-Postmark-Server-Token}, JSON in and
 * out ({@code Accept} and {@code Content-Type}), the PascalCase body checked by hand (Postmark
 * publishes no current machine-readable spec), answers {@code {To, SubmittedAt, MessageID,
 * ErrorCode: 0, Message: "OK"}} and errors {@code {ErrorCode, Message}} — 401 for tokens, 422 for
 * requests, 429 for rate limits. Health: {@code GET /server}.
 */
public final class PostmarkSimulator extends HttpSimulator {
    /** The provider's own suppression list, seeded through the control API. */
    private final SeededSuppressions suppressions = new SeededSuppressions();

    private final String serverToken;

    /** A simulator on {@code port} (0 for any free port) accepting {@code serverToken}. */
    public PostmarkSimulator(int port, String serverToken) {
        super("postmark", port);
        sendsEvents(new PostmarkEvents());
        this.serverToken = Objects.requireNonNull(serverToken, "serverToken");
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        Optional<String> token = request.header("X-Postmark-Server-Token");
        if (token.isEmpty()) {
            return Optional.of(error(
                    401,
                    10,
                    "No Account or Server API tokens were supplied in the HTTP headers. Please add a header for "
                            + "either X-Postmark-Server-Token or X-Postmark-Account-Token."));
        }
        return token.get().equals(serverToken) ? Optional.empty() : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return error(
                401,
                10,
                "The Server Token you provided in the X-Postmark-Server-Token request header was invalid. "
                        + "Please verify that you are using a valid token.");
    }

    @Override
    protected SimResponse error(int status) {
        return switch (status) {
            case 401 -> unauthorized();
            case 422 -> error(422, 300, "Invalid email request");
            case 429 -> error(429, 429, "Rate limit exceeded");
            case 503 -> error(503, 100, "Maintenance");
            default -> SimResponse.text(status, "text/html", "<html><body>Error " + status + "</body></html>");
        };
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        // Postmark documents no Retry-After or rate-limit headers, so none are sent.
        return error(429, 429, "Rate limit exceeded");
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return error(
                422,
                406,
                "You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: "
                        + "zoe@example.com. Inactive recipients are ones that have generated a hard bounce, a spam "
                        + "complaint, or a manual suppression.");
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals("/email");
    }

    @Override
    public Optional<SeededSuppressions> suppressions() {
        return Optional.of(suppressions);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (isSend(request) && request.method().equals("POST")) {
            return send(request);
        }
        if (PostmarkSuppressionDump.handles(request)) {
            return PostmarkSuppressionDump.serve(request, suppressions);
        }
        if (request.path().equals("/server") && request.method().equals("GET")) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("ID", 1);
            server.put("Name", "Postern simulator");
            server.put("Color", "Purple");
            server.put("SmtpApiActivated", true);
            server.put("DeliveryType", "Live");
            server.put("TrackOpens", false);
            server.put("TrackLinks", "None");
            return SimResponse.json(200, server);
        }
        return error(404, 0, "The requested resource was not found.");
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("application/json") || !acceptsJson(request)) {
            return error(
                    422,
                    409,
                    "JSON data required. Your HTTP request does not have the Accept and Content-Type headers set "
                            + "to application/json.");
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return error(422, 402, "Received invalid JSON input.");
        }
        Optional<PostmarkSendCheck.Problem> problem = PostmarkSendCheck.problem(body);
        if (problem.isPresent()) {
            return error(422, problem.get().errorCode(), problem.get().message());
        }
        String id = UUID.randomUUID().toString();
        record(PostmarkMessages.received(id, body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("To", body.path("To").asText());
        answer.put("SubmittedAt", OffsetDateTime.now().toString());
        answer.put("MessageID", id);
        answer.put("ErrorCode", 0);
        answer.put("Message", "OK");
        return SimResponse.json(200, answer);
    }

    private static boolean acceptsJson(SimRequest request) {
        return request.header("Accept")
                .map(a -> a.contains("application/json") || a.contains("*/*"))
                .orElse(false);
    }

    /** Postmark's error shape. */
    static SimResponse error(int status, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorCode", errorCode);
        body.put("Message", message);
        return SimResponse.json(status, body);
    }
}

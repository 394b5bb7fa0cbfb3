package dev.postern.sim.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.Fault;
import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.RequestSchema;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SendGrid's v3 API as far as Postern uses it: {@code POST /v3/mail/send} (Bearer key, JSON body
 * checked against SendGrid's OpenAPI schema and the documented rules the schema cannot state;
 * {@code 202} with {@code X-Message-Id}; {@code 200} without recording in sandbox mode) and {@code
 * GET /v3/scopes}. Errors use SendGrid's envelope {@code {"errors":[{"message","field","help"}]}}.
 *
 * <p>Its 429 carries no {@code Retry-After} or {@code X-RateLimit-*} header, because SendGrid's
 * maintainers confirmed that {@code /v3/mail/send} returns no rate-limit headers; {@code /v3/scopes}
 * carries them, as SendGrid's other v3 endpoints do ({@code X-RateLimit-Reset} a Unix time; the
 * {@code budget} fault lowers what they report).
 */
public final class SendGridSimulator extends HttpSimulator {
    /** The provider's own suppression list, seeded through the control API. */
    private final SeededSuppressions suppressions = new SeededSuppressions();

    static final String SEND = "/v3/mail/send";
    private static final RequestSchema SCHEMA = RequestSchema.load(
            "specs/sendgrid/tsg_mail_v3.json",
            "/components/requestBodies/PostMailSend/content/application~1json/schema");

    /** The limit SendGrid's rate-limit documentation shows in its example. */
    private static final long LIMIT = 500;

    private final String apiKey;

    /** Listens on {@code port} (0 for any free one) once started; accepts {@code apiKey} only. */
    public SendGridSimulator(int port, String apiKey) {
        super("sendgrid", port);
        sendsEvents(new SendGridEvents());
        this.apiKey = apiKey;
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        Optional<String> token = request.bearerToken();
        if (token.isEmpty()) {
            return Optional.of(errors(401, List.of(SendGridError.of("authorization required"))));
        }
        return token.get().equals(apiKey) ? Optional.empty() : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return errors(
                401, List.of(SendGridError.of("The provided authorization grant is invalid, expired, or revoked")));
    }

    @Override
    protected SimResponse error(int status) {
        String message = switch (status) {
            case 400 -> "invalid request";
            case 403 -> "access forbidden";
            case 404 -> "not found";
            case 413 -> "content too large";
            case 500 -> "internal server error";
            case 503 -> "service unavailable";
            default -> "error " + status;
        };
        return errors(status, List.of(SendGridError.of(message)));
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return errors(429, List.of(SendGridError.of("too many requests")));
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return errors(
                400,
                List.of(
                        new SendGridError(
                                "Does not contain a valid address.",
                                "personalizations.0.to.0.email",
                                "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to")));
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals(SEND);
    }

    @Override
    public Optional<SeededSuppressions> suppressions() {
        return Optional.of(suppressions);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (request.path().equals("/v3/scopes")) {
            return request.method().equals("GET")
                    ? withRateLimitHeaders(SimResponse.json(200, Map.of("scopes", List.of("mail.send", "scopes.read"))))
                    : errors(405, List.of(SendGridError.of("method not allowed")));
        }
        if (SendGridSuppressionList.handles(request)) {
            return SendGridSuppressionList.serve(request, suppressions);
        }
        if (!isSend(request)) {
            return errors(404, List.of(SendGridError.of("not found")));
        }
        if (!request.method().equals("POST")) {
            return errors(405, List.of(SendGridError.of("method not allowed")));
        }
        return send(request);
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("application/json")) {
            return errors(400, List.of(SendGridError.of("Content-Type should be application/json.")));
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return errors(400, List.of(SendGridError.of("Bad Request: the request body is not valid JSON")));
        }
        List<SendGridError> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add(SendGridError.of("The request body must be a JSON object."));
        } else {
            SCHEMA.violations(body).forEach(v -> problems.add(SendGridError.of(v)));
            problems.addAll(SendGridRules.check(body));
        }
        if (!problems.isEmpty()) {
            return errors(400, problems);
        }
        if (body.at("/mail_settings/sandbox_mode/enable").asBoolean(false)) {
            return SimResponse.empty(200); // sandbox: validated, not delivered
        }
        String id = nextId("sgsim");
        record(SendGridMessages.parse(id, body));
        return SimResponse.empty(202).withHeader("X-Message-Id", id);
    }

    private SimResponse withRateLimitHeaders(SimResponse response) {
        Fault.Budget budget = reportedBudget(LIMIT);
        Instant reset = Instant.now().plus(budget.reset());
        return response.withHeader("X-RateLimit-Limit", Long.toString(LIMIT))
                .withHeader("X-RateLimit-Remaining", Long.toString(budget.remaining()))
                .withHeader("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()));
    }

    private static SimResponse errors(int status, List<SendGridError> errors) {
        return SimResponse.json(status, Map.of("errors", errors));
    }
}

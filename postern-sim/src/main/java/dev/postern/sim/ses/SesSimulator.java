package dev.postern.sim.ses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Amazon SES API v2 on loopback, as the AWS SDK sees it: REST-JSON {@code SendEmail} ({@code POST
 * /v2/email/outbound-emails}), {@code GetAccount} ({@code GET /v2/email/account}) and {@code
 * ListSuppressedDestinations} ({@link SesSuppressionList}, the list seeded through {@code
 * /_sim/{name}/suppressions}), every request authenticated by its SigV4 signature (recomputed with
 * the known secret, over the query too).
 *
 * <p>A send's body is checked against the {@code SendEmailRequest} shape of the AWS service model
 * (copy in {@code specs/amazon-ses-v2/service-2.json}) and against SES's documented rules beyond the
 * model (one content kind, 1–50 recipients, ASCII addresses, tag characters). Answers are SES's:
 * {@code 200 {"MessageId": "…"}}; errors are {@code {"message": "…"}} with the error code in the
 * {@code x-amzn-ErrorType} header: 400 {@code BadRequestException}, 403 for authentication
 * ({@code UnrecognizedClientException}, {@code InvalidSignatureException}, …), 429 {@code
 * TooManyRequestsException}, 500 {@code InternalFailure}, 503 {@code ServiceUnavailable}. SES states
 * no retry time, so the rate-limit answer has no {@code Retry-After}.
 */
public final class SesSimulator extends HttpSimulator {
    static final String SEND_PATH = "/v2/email/outbound-emails";
    static final String ACCOUNT_PATH = "/v2/email/account";

    private static final ShapeValidator MODEL = ShapeValidator.load("specs/amazon-ses-v2/service-2.json");

    private final SesAuth auth;
    private final SnsEvents sns;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicLong sends = new AtomicLong();
    /** The account-level suppression list, seeded through the control API. */
    private final SeededSuppressions suppressions = new SeededSuppressions();

    /** A simulator on {@code port} (0: any free port) that accepts only the given key pair. */
    public SesSimulator(int port, String accessKeyId, String secretAccessKey) {
        this(port, accessKeyId, secretAccessKey, Clock.systemUTC());
    }

    /** As above, judging request times (X-Amz-Date) by {@code clock}. */
    public SesSimulator(int port, String accessKeyId, String secretAccessKey, Clock clock) {
        super("ses", port);
        this.auth = new SesAuth(accessKeyId, secretAccessKey, clock);
        this.sns = new SnsEvents(this::baseUrl, clock);
        sendsEvents(sns);
    }

    @Override
    public SesSimulator start() {
        super.start();
        return this;
    }

    /** The {@code Authorization} headers of every request whose SigV4 signature verified, oldest first. */
    public List<String> verifiedAuthorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public Optional<SeededSuppressions> suppressions() {
        return Optional.of(suppressions);
    }

    @Override
    public void clear() {
        super.clear();
        authorizations.clear();
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        if (SnsRoutes.handles(request)) {
            return Optional.empty(); // SNS's certificate and confirmation URLs are public, as SNS's are
        }
        Optional<SesAuth.Refusal> refusal = auth.check(request);
        if (refusal.isPresent()) {
            return Optional.of(awsError(403, refusal.get().code(), refusal.get().message()));
        }
        authorizations.add(request.header("Authorization").orElseThrow());
        return Optional.empty();
    }

    @Override
    protected SimResponse unauthorized() {
        return awsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Override
    protected SimResponse error(int status) {
        String code = switch (status) {
            case 400 -> "BadRequestException";
            case 403 -> "AccessDeniedException";
            case 404 -> "NotFoundException";
            case 429 -> "TooManyRequestsException";
            case 503 -> "ServiceUnavailable";
            default -> "InternalFailure";
        };
        return awsError(status, code, "simulated error " + status);
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return awsError(429, "TooManyRequestsException", "Maximum sending rate exceeded.");
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return awsError(400, "BadRequestException", "Illegal address");
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals(SEND_PATH);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (SnsRoutes.handles(request)) {
            return SnsRoutes.serve(request, sns);
        }
        if (isSend(request) && request.method().equals("POST")) {
            return send(request);
        }
        if (SesSuppressionList.handles(request)) {
            return SesSuppressionList.serve(request, suppressions, SesSimulator::awsError);
        }
        if (request.path().equals(ACCOUNT_PATH) && request.method().equals("GET")) {
            return SimResponse.json(200, account());
        }
        return awsError(404, "UnknownOperationException", null);
    }

    private SimResponse send(SimRequest request) {
        if (!request.mediaType().equals("application/json")) {
            return awsError(400, "BadRequestException", "Content-Type must be application/json");
        }
        JsonNode body;
        try {
            body = request.json();
        } catch (IOException e) {
            return awsError(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        List<String> violations = MODEL.violations(body, "SendEmailRequest");
        if (violations.isEmpty()) {
            violations = SesMessages.problems(body);
        }
        if (!violations.isEmpty()) {
            return awsError(
                    400,
                    "BadRequestException",
                    violations.size() + " validation error" + (violations.size() == 1 ? "" : "s") + " detected: "
                            + String.join("; ", violations));
        }
        String id = messageId();
        record(SesMessages.read(id, body));
        return SimResponse.json(200, Map.of("MessageId", id));
    }

    /** Shaped like SES's ids: {@code 0100018c3e8ad2f1-<uuid>-000000}. */
    private String messageId() {
        return "010001" + HexFormat.of().toHexDigits(sends.incrementAndGet(), 10) + "-" + UUID.randomUUID() + "-000000";
    }

    private static Map<String, Object> account() {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("DedicatedIpAutoWarmupEnabled", false);
        account.put("EnforcementStatus", "HEALTHY");
        account.put("ProductionAccessEnabled", true);
        account.put("SendQuota", Map.of("Max24HourSend", 50000.0, "MaxSendRate", 14.0, "SentLast24Hours", 0.0));
        account.put("SendingEnabled", true);
        return account;
    }

    private static SimResponse awsError(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        return SimResponse.json(status, body)
                .withHeader("x-amzn-ErrorType", code)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    }
}

package dev.postern.provider.resend;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.RateLimitStatus;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.transport.HttpAnswer;
import dev.postern.provider.transport.HttpTransport;
import dev.postern.provider.transport.RateLimitHeaders;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Sends through Resend's {@code POST /emails} with {@code Authorization: Bearer <api_key>}. Every
 * attempt of one message carries {@code Idempotency-Key: <Postern's message id>}, so a retry after an
 * ambiguous attempt cannot send the message twice within Resend's 24 h window. Health: {@code GET
 * /domains}.
 */
final class ResendProvider implements Provider {
    /** No tracking flags per message; 50 recipients (the documented {@code to} maximum); 40 MB. */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .tracking(false)
            .maxMessageBytes(40L * 1024 * 1024)
            .maxRecipients(50)
            .build();

    private final ResendConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final RateLimitHeaders.Latest rateLimit;
    private final Optional<EventWebhook> webhook;

    ResendProvider(ResendConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
        this.rateLimit = RateLimitHeaders.RESEND.latest(clock);
        this.webhook = config.webhook().map(secret -> new ResendWebhook(ResendConfig.signingKey(secret)));
    }

    @Override
    public String type() {
        return ResendType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(config.endpoint("/emails")))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", context.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(ResendRequest.body(email, context.messageId())));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Failed failed -> failed.outcome();
            case HttpAnswer.Answered answered -> {
                rateLimit.read(answered.headers());
                yield ResendClassifier.classify(answered.status(), answered.headers(), redacted(answered), clock);
            }
        };
    }

    /** What Resend's {@code ratelimit-*} headers said on the latest send's answer. */
    @Override
    public RateLimitStatus rateLimit() {
        return rateLimit.get();
    }

    @Override
    public HealthResult checkHealth() {
        return switch (transport.send(
                authorized(HttpRequest.newBuilder(config.endpoint("/domains"))).GET())) {
            case HttpAnswer.Failed failed -> HealthResult.down(failed.outcome().detail());
            case HttpAnswer.Answered answered -> health(answered.status(), redacted(answered));
        };
    }

    /**
     * 200: up. 401 {@code restricted_api_key}: up, because a sending-only key may not list domains but
     * was recognised. 401/403 otherwise: our credentials are refused. 429: up (reachable, key accepted).
     */
    static HealthResult health(int status, String body) {
        String name = ResendClassifier.parse(body).path("name").asText("");
        if (status == 200 || (status == 401 && name.equals("restricted_api_key"))) {
            return HealthResult.up();
        }
        if (status == 401 || status == 403) {
            return HealthResult.down("Resend refused the credentials (" + status + " " + name + ")");
        }
        if (status == 429) {
            return new HealthResult(true, "reachable, but rate limited");
        }
        return HealthResult.down("Resend answered " + status + (name.isEmpty() ? "" : " " + name));
    }

    /** Resend's Svix-signed webhooks, when {@code webhook.key} is configured ({@link ResendWebhook}). */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return webhook;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "ResendProvider[baseUrl=" + config.baseUrl() + ", timeouts=" + config.timeouts() + "]";
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + config.apiKey().value())
                .header("Accept", "application/json")
                .header("User-Agent", "postern");
    }

    /** The answer's text with our key blanked, should Resend ever echo it. */
    private String redacted(HttpAnswer.Answered answered) {
        return answered.bodyText().replace(config.apiKey().value(), "****");
    }
}

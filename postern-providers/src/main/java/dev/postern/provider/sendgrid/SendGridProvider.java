package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderSuppressions;
import dev.postern.provider.RateLimitStatus;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.transport.HttpAnswer;
import dev.postern.provider.transport.HttpTransport;
import dev.postern.provider.transport.RateLimitHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Optional;

/** SendGrid's v3 Mail Send API ({@code POST /v3/mail/send}); health from {@code GET /v3/scopes}. */
final class SendGridProvider implements Provider, ProviderSuppressions {
    /**
     * Everything {@link Email} carries (SendGrid's templates and scheduled send it does not). Size:
     * SendGrid caps the whole request at 30 MB.
     */
    static final Capabilities CAPABILITIES =
            Capabilities.builder().maxMessageBytes(30_000_000L).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SendGridConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final RateLimitHeaders.Latest rateLimit;
    private final Optional<EventWebhook> eventWebhook;

    SendGridProvider(SendGridConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
        this.rateLimit = RateLimitHeaders.SENDGRID.latest(clock);
        this.eventWebhook = config.webhookKey().map(key -> new SendGridEventWebhook(SendGridWebhookKey.parse(key)));
    }

    @Override
    public String type() {
        return SendGridType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        HttpRequest.Builder request = authorized("/v3/mail/send")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SendGridRequest.body(email, context)));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Answered a -> {
                rateLimit.read(a.headers());
                yield SendGridClassifier.classify(a.status(), a.headers(), a.body(), clock);
            }
            case HttpAnswer.Failed f -> f.outcome();
        };
    }

    /**
     * What SendGrid's {@code X-RateLimit-*} headers said on the latest send's answer: unknown while
     * {@code /v3/mail/send} sends none (its health endpoint's limits are another endpoint's, so they
     * are not read).
     */
    @Override
    public RateLimitStatus rateLimit() {
        return rateLimit.get();
    }

    @Override
    public HealthResult checkHealth() {
        HttpAnswer answer = transport.send(authorized("/v3/scopes").GET());
        if (answer instanceof HttpAnswer.Failed failed) {
            return HealthResult.down(failed.outcome().detail());
        }
        HttpAnswer.Answered a = (HttpAnswer.Answered) answer;
        return switch (a.status()) {
            case 200 -> scopes(a.body());
            case 401, 403 -> HealthResult.down("SendGrid refused the credentials (" + a.status() + ")");
            default ->
                HealthResult.down("SendGrid answered " + a.status() + ": " + SendGridClassifier.errors(a.body()));
        };
    }

    /** Up only when the key may send: a key without {@code mail.send} would fail every attempt. */
    private static HealthResult scopes(byte[] body) {
        try {
            JsonNode scopes = JSON.readTree(body).path("scopes");
            for (JsonNode scope : scopes) {
                if (scope.asText().equals("mail.send")) {
                    return HealthResult.up();
                }
            }
            return scopes.isArray()
                    ? HealthResult.down("the credentials lack the mail.send scope")
                    : HealthResult.down("SendGrid answered 200 without a scopes list");
        } catch (IOException | RuntimeException e) {
            return HealthResult.down("SendGrid answered 200 with an unreadable scopes list");
        }
    }

    /** The Signed Event Webhook, when {@code webhook.key} is configured. */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return eventWebhook;
    }

    @Override
    public Optional<SuppressionSource> suppressionSource() {
        return Optional.of(new SendGridSuppressions(config, transport));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                .header("Authorization", "Bearer " + config.apiKey().value())
                .header("Accept", "application/json");
    }

    @Override
    public String toString() {
        return "SendGridProvider[" + config.baseUrl() + "]";
    }
}

package dev.postern.provider.postmark;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderSuppressions;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.transport.HttpAnswer;
import dev.postern.provider.transport.HttpTransport;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * Sends through Postmark's {@code POST /email} with {@code X-Postmark-Server-Token}. Postmark has no
 * idempotency keys, so an ambiguous attempt may duplicate on retry; {@code Metadata.postern_id} and
 * header {@code X-Postern-Id} let duplicates be traced. Health: {@code GET /server}.
 */
final class PostmarkProvider implements Provider, ProviderSuppressions {
    /** Open and click tracking, one tag, metadata, headers, cc/bcc; 10 MB; 50 recipients per field. */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .maxMessageBytes(10L * 1024 * 1024)
            .maxRecipients(50)
            .build();

    static final String TOKEN_HEADER = "X-Postmark-Server-Token";

    private final PostmarkConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final Optional<EventWebhook> eventWebhook;

    PostmarkProvider(PostmarkConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
        this.eventWebhook = config.webhook().map(PostmarkEventWebhook::new);
    }

    @Override
    public String type() {
        return PostmarkType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        byte[] body = PostmarkRequest.body(email, context.messageId(), config.messageStream());
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(config.endpoint("/email")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Failed failed -> failed.outcome();
            case HttpAnswer.Answered answered ->
                PostmarkClassifier.classify(answered.status(), answered.headers(), redacted(answered), clock);
        };
    }

    @Override
    public HealthResult checkHealth() {
        return switch (transport.send(
                authorized(HttpRequest.newBuilder(config.endpoint("/server"))).GET())) {
            case HttpAnswer.Failed failed -> HealthResult.down(failed.outcome().detail());
            case HttpAnswer.Answered answered -> health(answered.status(), redacted(answered));
        };
    }

    /** 200: up. 401 or ErrorCode 10: our credentials are refused. 429: up (reachable). Else down. */
    static HealthResult health(int status, String body) {
        int code = PostmarkClassifier.parse(body).path("ErrorCode").asInt(-1);
        if (status == 401 || code == 10) {
            return HealthResult.down("Postmark refused the credentials (" + status + ", ErrorCode " + code + ")");
        }
        if (status == 200) {
            return HealthResult.up();
        }
        if (status == 429) {
            return new HealthResult(true, "reachable, but rate limited");
        }
        return HealthResult.down("Postmark answered " + status + (code >= 0 ? ", ErrorCode " + code : ""));
    }

    /** Postmark's webhooks, when the webhook URL's credentials are configured. */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return eventWebhook;
    }

    @Override
    public Optional<SuppressionSource> suppressionSource() {
        return Optional.of(new PostmarkSuppressions(config, transport));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "PostmarkProvider[baseUrl=" + config.baseUrl() + ", messageStream=" + config.messageStream()
                + ", timeouts=" + config.timeouts() + "]";
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header(TOKEN_HEADER, config.apiKey().value())
                .header("Accept", "application/json")
                .header("User-Agent", "postern");
    }

    /** The answer's text with our token blanked, should Postmark ever echo it. */
    private String redacted(HttpAnswer.Answered answered) {
        return answered.bodyText().replace(config.apiKey().value(), "****");
    }
}

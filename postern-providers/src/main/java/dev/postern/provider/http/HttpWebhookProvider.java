package dev.postern.provider.http;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.transport.Correlation;
import dev.postern.provider.transport.HttpAnswer;
import dev.postern.provider.transport.HttpTransport;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Postern's generic JSON webhook: one POST per message to the configured {@code url}, answers read
 * by {@link HttpWebhookClassifier}. The message id is also the {@code Idempotency-Key}, so a service
 * that honours it never duplicates a retried message.
 */
final class HttpWebhookProvider implements Provider {
    /** Everything: Postern's format has a field for all that {@link Email} carries. */
    static final Capabilities CAPABILITIES = Capabilities.FULL;

    private final HttpWebhookConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final Optional<EventWebhook> eventWebhook;

    HttpWebhookProvider(HttpWebhookConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
        this.eventWebhook = config.webhookSecret().map(HttpEventWebhook::new);
    }

    @Override
    public String type() {
        return HttpWebhookType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(config.url()))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(Correlation.HEADER, context.messageId())
                .header("Idempotency-Key", context.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(HttpWebhookRequests.body(email, context.messageId())));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Failed failed -> failed.outcome();
            case HttpAnswer.Answered answer ->
                HttpWebhookClassifier.classify(answer.status(), answer.headers(), redacted(answer.body()), clock);
        };
    }

    /**
     * GETs {@code health_url} (2xx is healthy); without one, GETs {@code url}, where any answer but
     * 401/403, 408 and 5xx shows the service is up (a 405 to a GET is fine).
     */
    @Override
    public HealthResult checkHealth() {
        boolean dedicated = config.healthUrl() != null;
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(dedicated ? config.healthUrl() : config.url()))
                .GET();
        return switch (transport.send(request)) {
            case HttpAnswer.Failed failed ->
                HealthResult.down(
                        "the service did not answer: " + failed.outcome().detail());
            case HttpAnswer.Answered answer -> {
                int status = answer.status();
                if (status == 401 || status == 403) {
                    yield HealthResult.down("the service refused our credentials (" + status + ")");
                }
                boolean up = dedicated ? status >= 200 && status < 300 : status != 408 && status < 500;
                yield up ? HealthResult.up() : HealthResult.down("the service answered " + status);
            }
        };
    }

    /** The service's signed delivery events, when {@code webhook.key} is configured. */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return eventWebhook;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (config.apiKey() == null) {
            return request;
        }
        String key = config.apiKey().value();
        return config.authHeader().equalsIgnoreCase(HttpWebhookConfig.AUTHORIZATION)
                ? request.header(config.authHeader(), "Bearer " + key)
                : request.header(config.authHeader(), key);
    }

    /** The answer with our key blanked out, in case the service echoes it in an error. */
    private byte[] redacted(byte[] body) {
        if (config.apiKey() == null) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String key = config.apiKey().value();
        return text.contains(key) ? text.replace(key, "****").getBytes(StandardCharsets.UTF_8) : body;
    }

    @Override
    public String toString() {
        return "HttpWebhookProvider[url=" + HttpWebhookConfig.shown(config.url()) + "]";
    }
}

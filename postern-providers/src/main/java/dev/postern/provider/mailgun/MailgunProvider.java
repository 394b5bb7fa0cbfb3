package dev.postern.provider.mailgun;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/** Mailgun's Messages API ({@code POST /v3/{domain}/messages}); health from {@code GET /v4/domains/{domain}}. */
final class MailgunProvider implements Provider, ProviderSuppressions {
    /**
     * Templates and scheduled send exist at Mailgun but {@link Email} does not carry them. Size:
     * Mailgun's message limit is 25 MB (the HTTP request may be 52.4 MiB).
     */
    static final Capabilities CAPABILITIES =
            Capabilities.builder().maxMessageBytes(25_000_000L).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailgunConfig config;
    private final HttpTransport transport;
    private final Clock clock;
    private final String authorization;
    private final Optional<EventWebhook> eventWebhook;

    MailgunProvider(MailgunConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
        this.authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("api:" + config.apiKey().value()).getBytes(StandardCharsets.UTF_8));
        this.eventWebhook = config.webhookSigningKey().map(MailgunEventWebhook::new);
    }

    @Override
    public String type() {
        return MailgunType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        MultipartForm.Encoded form = MailgunRequest.form(email, context).encode();
        HttpRequest.Builder request = authorized("/v3/" + domainPath() + "/messages")
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Answered a -> MailgunClassifier.classify(a.status(), a.headers(), a.body(), clock);
            case HttpAnswer.Failed f -> f.outcome();
        };
    }

    @Override
    public HealthResult checkHealth() {
        HttpAnswer answer =
                transport.send(authorized("/v4/domains/" + domainPath()).GET());
        if (answer instanceof HttpAnswer.Failed failed) {
            return HealthResult.down(failed.outcome().detail());
        }
        HttpAnswer.Answered a = (HttpAnswer.Answered) answer;
        return switch (a.status()) {
            case 200 -> domainState(a.body());
            case 401 -> HealthResult.down("Mailgun refused the credentials (401)");
            case 403 ->
                HealthResult.down("Mailgun refused the credentials for reading the domain (403); a Domain Sending"
                        + " Key cannot, the primary key can");
            case 404 ->
                HealthResult.down("Mailgun does not know domain " + config.domain() + " at " + config.baseUrl()
                        + " (check domain and region)");
            default -> HealthResult.down("Mailgun answered " + a.status() + ": " + MailgunClassifier.message(a.body()));
        };
    }

    /** Up only for an active domain: an unverified or disabled one fails every send. */
    private static HealthResult domainState(byte[] body) {
        try {
            String state = JSON.readTree(body).path("domain").path("state").asText("");
            return state.equals("active")
                    ? HealthResult.up()
                    : HealthResult.down("the Mailgun domain is not active (state '" + state + "')");
        } catch (IOException e) {
            return HealthResult.down("Mailgun answered 200 with an unreadable domain");
        }
    }

    /** Mailgun's signed event webhooks, when {@code webhook.key} is configured. */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return eventWebhook;
    }

    @Override
    public Optional<SuppressionSource> suppressionSource() {
        return Optional.of(new MailgunSuppressions(config, transport, authorization));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    private String domainPath() {
        return URLEncoder.encode(config.domain(), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    @Override
    public String toString() {
        return "MailgunProvider[" + config.domain() + " at " + config.baseUrl() + "]";
    }
}

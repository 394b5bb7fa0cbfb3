package dev.postern.provider.emailr;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.HttpAnswer;
import dev.postern.provider.transport.HttpTransport;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * Sends through emailr's {@code POST /v1/emails/send} with {@code Authorization: Bearer <api_key>}.
 * emailr cannot carry cc/bcc, so routing does not offer it such messages; one that arrives anyway,
 * or one with an empty subject (emailr requires one), is answered {@code Unavailable} without a
 * call, so that routing fails over instead of failing the message. Health: {@code GET /v1/domains}.
 */
final class EmailrProvider implements Provider {
    /**
     * No tracking, cc/bcc or custom headers; tags and metadata through {@code tags}. Size and
     * recipient limits are not documented: 10 MB and 50 are conservative guesses.
     */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .tracking(false)
            .customHeaders(false)
            .carbonCopies(false)
            .maxMessageBytes(10L * 1024 * 1024)
            .maxRecipients(50)
            .build();

    private final EmailrConfig config;
    private final HttpTransport transport;
    private final Clock clock;

    EmailrProvider(EmailrConfig config, Clock clock) {
        this.config = config;
        this.transport = new HttpTransport(config.timeouts());
        this.clock = clock;
    }

    @Override
    public String type() {
        return EmailrType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        if (!email.cc().isEmpty() || !email.bcc().isEmpty()) {
            return new SendOutcome.Unavailable(
                    "emailr cannot send cc/bcc recipients; routing should have skipped it for this message");
        }
        if (email.subject().isEmpty()) {
            return new SendOutcome.Unavailable("emailr requires a non-empty subject; another provider can send this");
        }
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(config.endpoint("/v1/emails/send")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EmailrRequest.body(email, context.messageId())));
        return switch (transport.send(request, context)) {
            case HttpAnswer.Failed failed -> failed.outcome();
            case HttpAnswer.Answered answered ->
                EmailrClassifier.classify(answered.status(), answered.headers(), redacted(answered), clock);
        };
    }

    @Override
    public HealthResult checkHealth() {
        return switch (transport.send(authorized(HttpRequest.newBuilder(config.endpoint("/v1/domains")))
                .GET())) {
            case HttpAnswer.Failed failed -> HealthResult.down(failed.outcome().detail());
            case HttpAnswer.Answered answered -> health(answered.status());
        };
    }

    /** 200: up. 401/403: our credentials are refused. 429: up (reachable). Anything else: down. */
    static HealthResult health(int status) {
        return switch (status) {
            case 200 -> HealthResult.up();
            case 401, 403 -> HealthResult.down("emailr refused the credentials (" + status + ")");
            case 429 -> new HealthResult(true, "reachable, but rate limited");
            default -> HealthResult.down("emailr answered " + status);
        };
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "EmailrProvider[baseUrl=" + config.baseUrl() + ", timeouts=" + config.timeouts() + "]";
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + config.apiKey().value())
                .header("Accept", "application/json")
                .header("User-Agent", "postern");
    }

    /** The answer's text with our key blanked, should emailr ever echo it. */
    private String redacted(HttpAnswer.Answered answered) {
        return answered.bodyText().replace(config.apiKey().value(), "****");
    }
}

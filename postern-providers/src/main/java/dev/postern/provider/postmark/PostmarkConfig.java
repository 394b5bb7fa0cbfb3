package dev.postern.provider.postmark;

import dev.postern.provider.transport.BaseUrl;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach Postmark: configuration keys {@code api_key} (the Server API token), {@code
 * base_url}, {@code timeouts} and {@code message_stream}. Validated once, here; {@code toString()}
 * never shows the token.
 *
 * @param apiKey the Server API token, sent as {@code X-Postmark-Server-Token}
 * @param baseUrl where the API lives; {@link #DEFAULT_BASE_URL} unless tests point it at a simulator
 * @param timeouts connect and request timeouts
 * @param messageStream the message stream to send through; {@code outbound} (the default
 *     transactional stream) unless configured
 * @param webhook the basic-auth credentials of the webhook URL ({@code webhook.user}, {@code
 *     webhook.password}); when present, the adapter offers its {@link
 *     dev.postern.provider.event.EventWebhook}
 */
public record PostmarkConfig(
        Secret apiKey,
        URI baseUrl,
        Timeouts timeouts,
        String messageStream,
        Optional<PostmarkWebhookCredentials> webhook) {

    /** Postmark's API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.postmarkapp.com");

    /** Postmark's default transactional stream. */
    public static final String DEFAULT_MESSAGE_STREAM = "outbound";

    public PostmarkConfig {
        if (apiKey == null) {
            throw new IllegalArgumentException("api_key must not be blank");
        }
        baseUrl = BaseUrl.check(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULTS);
        messageStream = messageStream == null ? DEFAULT_MESSAGE_STREAM : messageStream;
        if (messageStream.isBlank() || !messageStream.equals(messageStream.strip())) {
            throw new IllegalArgumentException(
                    "message_stream must be a stream id without surrounding spaces, but was '" + messageStream + "'");
        }
        webhook = Objects.requireNonNullElse(webhook, Optional.empty());
    }

    /** Without webhook credentials. */
    public PostmarkConfig(Secret apiKey, URI baseUrl, Timeouts timeouts, String messageStream) {
        this(apiKey, baseUrl, timeouts, messageStream, Optional.empty());
    }

    /** The real API, default timeouts, the {@code outbound} stream. */
    public static PostmarkConfig of(String apiKey) {
        return new PostmarkConfig(
                Secret.of(apiKey, "api_key"), DEFAULT_BASE_URL, Timeouts.DEFAULTS, DEFAULT_MESSAGE_STREAM);
    }

    public PostmarkConfig withBaseUrl(URI baseUrl) {
        return new PostmarkConfig(apiKey, baseUrl, timeouts, messageStream, webhook);
    }

    public PostmarkConfig withTimeouts(Timeouts timeouts) {
        return new PostmarkConfig(apiKey, baseUrl, timeouts, messageStream, webhook);
    }

    public PostmarkConfig withMessageStream(String messageStream) {
        return new PostmarkConfig(apiKey, baseUrl, timeouts, messageStream, webhook);
    }

    /** With the basic-auth credentials written into the webhook URL configured at Postmark. */
    public PostmarkConfig withWebhookCredentials(String user, String password) {
        return new PostmarkConfig(
                apiKey,
                baseUrl,
                timeouts,
                messageStream,
                Optional.of(new PostmarkWebhookCredentials(user, Secret.of(password, "webhook.password"))));
    }

    /** {@code path} under the base URL. */
    URI endpoint(String path) {
        return BaseUrl.resolve(baseUrl, path);
    }
}

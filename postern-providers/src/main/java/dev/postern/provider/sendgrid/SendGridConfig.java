package dev.postern.provider.sendgrid;

import dev.postern.provider.transport.BaseUrl;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach SendGrid's v3 Mail Send API. Validated once, at construction; messages name the
 * configuration key ({@code api_key}, {@code base_url}, {@code timeouts}).
 *
 * @param apiKey the API key, sent as {@code Authorization: Bearer <key>}; needs the {@code
 *     mail.send} scope
 * @param baseUrl {@link #GLOBAL} by default, {@link #EU} for EU regional subusers, or a simulator
 * @param timeouts connect and request timeouts; {@link Timeouts#DEFAULTS} when null
 * @param webhookKey the Event Webhook's verification key ({@code webhook.key}): the base64 EC
 *     public key SendGrid shows under Mail Settings → Event Webhook → Signed Event Webhook; when
 *     present, the adapter offers its {@link dev.postern.provider.event.EventWebhook}
 */
public record SendGridConfig(Secret apiKey, URI baseUrl, Timeouts timeouts, Optional<Secret> webhookKey) {

    /** For global users and subusers. */
    public static final URI GLOBAL = URI.create("https://api.sendgrid.com");

    /** For EU regional subusers. */
    public static final URI EU = URI.create("https://api.eu.sendgrid.com");

    public SendGridConfig {
        if (apiKey == null) {
            throw new IllegalArgumentException("api_key must not be blank");
        }
        baseUrl = BaseUrl.check(baseUrl == null ? GLOBAL : baseUrl);
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULTS);
        webhookKey = Objects.requireNonNullElse(webhookKey, Optional.empty());
        webhookKey.ifPresent(SendGridWebhookKey::parse);
    }

    /** Without an Event Webhook key. */
    public SendGridConfig(Secret apiKey, URI baseUrl, Timeouts timeouts) {
        this(apiKey, baseUrl, timeouts, Optional.empty());
    }

    /** The global endpoint with default timeouts. */
    public static SendGridConfig of(String apiKey) {
        return new SendGridConfig(Secret.of(apiKey, "api_key"), GLOBAL, Timeouts.DEFAULTS);
    }

    public SendGridConfig withBaseUrl(URI baseUrl) {
        return new SendGridConfig(apiKey, baseUrl, timeouts, webhookKey);
    }

    public SendGridConfig withTimeouts(Timeouts timeouts) {
        return new SendGridConfig(apiKey, baseUrl, timeouts, webhookKey);
    }

    /** With the Event Webhook's verification key, as SendGrid shows it (base64, or PEM). */
    public SendGridConfig withWebhookKey(String key) {
        return new SendGridConfig(apiKey, baseUrl, timeouts, Optional.of(Secret.of(key, "webhook.key")));
    }
}

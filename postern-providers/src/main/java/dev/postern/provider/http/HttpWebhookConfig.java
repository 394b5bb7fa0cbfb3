package dev.postern.provider.http;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach a service that implements Postern's generic JSON webhook ({@code type: http},
 * docs/providers.md, section http). Validated once, on construction; messages name the configuration key.
 *
 * @param url where each message is POSTed ({@code url}); absolute http(s)
 * @param healthUrl what health checks GET ({@code health_url}); null to probe {@code url} itself
 * @param apiKey the credential ({@code api_key}); null for a service that needs none
 * @param authHeader the header that carries the key ({@code auth_header}): {@code Authorization}
 *     (the default) carries {@code Bearer <api_key>}, any other header the bare key
 * @param timeouts connect and whole-request limits ({@code timeouts}); {@link Timeouts#DEFAULTS} when null
 * @param webhookSecret the secret the service signs its delivery events with ({@code webhook.key},
 *     docs/events.md, section http); when present, the adapter offers its {@link
 *     dev.postern.provider.event.EventWebhook}
 */
public record HttpWebhookConfig(
        URI url, URI healthUrl, Secret apiKey, String authHeader, Timeouts timeouts, Optional<Secret> webhookSecret) {

    /** The default {@code auth_header}. */
    public static final String AUTHORIZATION = "Authorization";

    /** An RFC 9110 field name (token characters). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public HttpWebhookConfig {
        httpUrl("url", Objects.requireNonNull(url, "url must be set"));
        if (healthUrl != null) {
            httpUrl("health_url", healthUrl);
        }
        authHeader = authHeader == null ? AUTHORIZATION : authHeader;
        if (!HEADER_NAME.matcher(authHeader).matches()) {
            throw new IllegalArgumentException("auth_header must be an HTTP header name, but was '" + authHeader + "'");
        }
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
        webhookSecret = Objects.requireNonNullElse(webhookSecret, Optional.empty());
    }

    /** Without a webhook secret. */
    public HttpWebhookConfig(URI url, URI healthUrl, Secret apiKey, String authHeader, Timeouts timeouts) {
        this(url, healthUrl, apiKey, authHeader, timeouts, Optional.empty());
    }

    /** {@code url} with a bearer key, no health URL, default timeouts. */
    public static HttpWebhookConfig of(URI url, Secret apiKey) {
        return new HttpWebhookConfig(url, null, apiKey, null, null);
    }

    public HttpWebhookConfig withHealthUrl(URI healthUrl) {
        return new HttpWebhookConfig(url, healthUrl, apiKey, authHeader, timeouts, webhookSecret);
    }

    public HttpWebhookConfig withAuthHeader(String authHeader) {
        return new HttpWebhookConfig(url, healthUrl, apiKey, authHeader, timeouts, webhookSecret);
    }

    public HttpWebhookConfig withTimeouts(Timeouts timeouts) {
        return new HttpWebhookConfig(url, healthUrl, apiKey, authHeader, timeouts, webhookSecret);
    }

    /** With the secret that verifies the service's delivery events. */
    public HttpWebhookConfig withWebhookSecret(String secret) {
        return new HttpWebhookConfig(
                url, healthUrl, apiKey, authHeader, timeouts, Optional.of(Secret.of(secret, "webhook.key")));
    }

    /** The URL without user info or query, which may hold credentials: safe to log. */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    @Override
    public String toString() {
        return "HttpWebhookConfig[url=" + shown(url) + ", healthUrl=" + (healthUrl == null ? null : shown(healthUrl))
                + ", apiKey=" + apiKey + ", authHeader=" + authHeader + ", timeouts=" + timeouts + ", webhookSecret="
                + webhookSecret + "]";
    }

    private static void httpUrl(String key, URI uri) {
        if (!uri.isAbsolute()
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, but was " + shown(uri));
        }
    }
}

package dev.postern.provider.postmark;

import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.DnsKnowledge;
import dev.postern.provider.type.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: postmark}: keys {@code api_key}, {@code base_url}, {@code message_stream}, and {@code
 * webhook.user} with {@code webhook.password} (the webhook URL's basic-auth credentials;
 * docs/providers.md, docs/events.md).
 */
public final class PostmarkType implements ProviderType<PostmarkConfig> {
    public static final String NAME = "postmark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> keys() {
        return List.of("api_key", "base_url", "message_stream", "webhook.user", "webhook.password");
    }

    @Override
    public PostmarkConfig read(AdapterKeys keys, Timeouts timeouts) {
        URI baseUrl = keys.url("base_url").orElse(null);
        String stream = keys.string("message_stream").orElse(null);
        return new PostmarkConfig(keys.requiredSecret("api_key"), baseUrl, timeouts, stream, webhook(keys));
    }

    /** Both {@code webhook.user} and {@code webhook.password}, or neither. */
    private static Optional<PostmarkWebhookCredentials> webhook(AdapterKeys keys) {
        if (!keys.has("webhook.user") && !keys.has("webhook.password")) {
            return Optional.empty();
        }
        String user = keys.required("webhook.user");
        Secret password = keys.requiredSecret("webhook.password");
        return Optional.of(new PostmarkWebhookCredentials(AdapterKeys.present(user), password));
    }

    @Override
    public Provider create(PostmarkConfig config) {
        return Postmark.provider(config, Clock.systemUTC());
    }

    @Override
    public boolean eventWebhookConfigured(PostmarkConfig config) {
        return config.webhook().isPresent();
    }

    @Override
    public Capabilities capabilities() {
        return PostmarkProvider.CAPABILITIES;
    }

    /** Postmark's SPF is carried by a custom Return-Path CNAME; the include is the alternative. */
    @Override
    public DnsKnowledge dns() {
        return DnsKnowledge.spf("spf.mtasv.net")
                .withNote("copy the DKIM TXT value from the Postmark sender signature's DNS settings")
                .withReturnPath(new DnsKnowledge.ReturnPath("pm-bounces", "pm.mtasv.net", "Postmark"));
    }
}

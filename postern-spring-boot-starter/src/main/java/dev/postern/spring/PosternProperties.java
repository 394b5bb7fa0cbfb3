package dev.postern.spring;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code postern.*}: the providers, and optionally an embedded outbox. The keys are those of
 * {@code postern.yml} (docs/configuration.md); Spring's relaxed binding takes {@code api-key},
 * {@code api_key} and {@code apiKey} alike.
 *
 * @param providers the providers in failover order (their {@code priority} defaults to position)
 * @param outbox the embedded outbox; off unless {@code postern.outbox.enabled=true}
 */
@ConfigurationProperties("postern")
public record PosternProperties(
        List<ProviderProperties> providers, @DefaultValue OutboxProperties outbox) {

    public PosternProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /**
     * {@code postern.outbox.*}: with it enabled, {@code JavaMailSender.send} returns once the
     * message is stored, and a dispatcher delivers it with retries (docs/outbox.md).
     *
     * @param store where messages are kept: {@code sqlite:<path>}
     */
    public record OutboxProperties(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("sqlite:./data/postern.db") String store) {}
}

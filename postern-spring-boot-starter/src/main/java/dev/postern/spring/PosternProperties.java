package dev.postern.spring;

import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.Strategy;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code postern.*}: the providers, and optionally an embedded outbox. The keys are those of
 * {@code postern.yml} (docs/configuration.md); Spring's relaxed binding takes {@code api-key},
 * {@code api_key} and {@code apiKey} alike.
 *
 * @param providers the providers in failover order (their {@code priority} defaults to position)
 * @param routing how a message picks its providers
 * @param outbox the embedded outbox; off unless {@code postern.outbox.enabled=true}
 */
@ConfigurationProperties("postern")
public record PosternProperties(
        List<ProviderProperties> providers,
        @DefaultValue Routing routing,
        @DefaultValue OutboxProperties outbox) {

    public PosternProperties {
        providers = providers == null ? List.of() : List.copyOf(providers);
    }

    /**
     * {@code postern.routing.*}: unset keys take {@link RoutingConfig#DEFAULTS}.
     *
     * @param strategy {@code priority}, {@code weighted} or {@code primary_with_spillover}
     * @param maxAttempts how many providers one send may try
     * @param onAmbiguous {@code failover} or {@code defer} when a provider's answer is unclear
     */
    public record Routing(Strategy strategy, Integer maxAttempts, OnAmbiguous onAmbiguous) {

        /** The routing configuration these properties describe. */
        public RoutingConfig toConfig() {
            RoutingConfig d = RoutingConfig.DEFAULTS;
            try {
                return d.withStrategy(Objects.requireNonNullElse(strategy, d.strategy()))
                        .withMaxAttempts(Objects.requireNonNullElse(maxAttempts, d.maxAttempts()))
                        .withOnAmbiguous(Objects.requireNonNullElse(onAmbiguous, d.onAmbiguous()));
            } catch (IllegalArgumentException e) {
                throw new PosternConfigException(
                        "postern.routing." + e.getMessage().replace('_', '-'), e);
            }
        }
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

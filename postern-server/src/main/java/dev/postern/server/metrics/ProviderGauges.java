package dev.postern.server.metrics;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.breaker.BreakerState;
import dev.postern.routing.ProviderState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gauges read from {@link Postern#providers()} at each scrape: whether each provider is available
 * and healthy, and its routing and breaker state as one series per state (1 for the current one,
 * 0 for the others), the usual Prometheus shape for an enum.
 */
final class ProviderGauges {
    private ProviderGauges() {}

    static void register(MeterRegistry registry, Postern postern) {
        Gauge.builder(
                        "postern.providers.available",
                        () -> postern.providers().stream()
                                .filter(p -> p.state() == ProviderState.AVAILABLE)
                                .count())
                .description("How many providers routing may use now")
                .register(registry);
        for (ProviderStatus provider : postern.providers()) {
            String name = provider.name();
            gauge(registry, "postern.provider.available", name, postern, p -> p.state() == ProviderState.AVAILABLE)
                    .description("1 when routing may use the provider now")
                    .register(registry);
            gauge(registry, "postern.provider.healthy", name, postern, ProviderGauges::healthy)
                    .description("1 when the latest health probe passed (or none ran yet)")
                    .register(registry);
            for (ProviderState state : ProviderState.values()) {
                gauge(registry, "postern.provider.state", name, postern, p -> p.state() == state)
                        .description("1 for the provider's current routing state")
                        .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry);
            }
            for (BreakerState state : BreakerState.values()) {
                gauge(registry, "postern.breaker.state", name, postern, p -> p.breaker() == state)
                        .description("1 for the current state of the provider's circuit breaker")
                        .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry);
            }
        }
    }

    private static Gauge.Builder<?> gauge(
            MeterRegistry registry, String metric, String name, Postern postern, Predicate<ProviderStatus> test) {
        return Gauge.builder(
                        metric,
                        () -> status(postern, name)
                                .map(p -> test.test(p) ? 1 : 0)
                                .orElse(0))
                .tag("provider", name);
    }

    private static boolean healthy(ProviderStatus status) {
        return status.lastHealthCheck().map(check -> check.healthy()).orElse(true);
    }

    private static Optional<ProviderStatus> status(Postern postern, String name) {
        return postern.providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

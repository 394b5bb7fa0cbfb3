package dev.postern.spring.actuator;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.routing.ProviderState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One health indicator per provider, under one {@code postern} component of {@code
 * /actuator/health}: {@code UP} while the provider is in rotation, {@code DOWN} otherwise, with
 * its routing state, breaker, type and priority, and its latest health probe, as details.
 *
 * <p>A provider out of rotation is what failover is for, so it reads {@code DOWN} here without
 * mail stopping; applications that feed health to probes leave {@code postern} out of their
 * liveness and readiness groups (docs/spring-boot.md).
 */
public final class ProviderHealth {
    private ProviderHealth() {}

    /** The composite contributor: one indicator per provider, in configuration order. */
    public static CompositeHealthContributor of(Postern postern) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (ProviderStatus status : postern.providers()) {
            indicators.put(status.name(), () -> health(postern, status.name()));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    private static Health health(Postern postern, String name) {
        ProviderStatus status = postern.providers().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
        Health.Builder health = status.state() == ProviderState.AVAILABLE ? Health.up() : Health.down();
        health.withDetail("type", status.type())
                .withDetail("state", status.state().wireName())
                .withDetail("breaker", status.breaker().wireName())
                .withDetail("priority", status.priority());
        status.coolingUntil().ifPresent(until -> health.withDetail("cooling_until", until.toString()));
        status.lastHealthCheck()
                .ifPresent(check -> health.withDetail(
                        "last_health_check",
                        Map.of("at", check.at().toString(), "healthy", check.healthy(), "detail", check.detail())));
        return health.build();
    }
}

package dev.postern.spring.actuator;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.routing.ProviderState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One health indicator per provider, under one {@code postern} component of {@code
 * /actuator/health}, with the provider's routing state, breaker, type and priority, and its latest
 * health probe, as details. A provider in rotation is {@code UP}. One out of rotation while another
 * is in rotation is {@link #OUT_OF_ROTATION}: failover is doing its job, mail flows, and Boot's
 * aggregation ignores a status outside its order, so {@code postern} stays {@code UP}. When no
 * provider is in rotation, every one is {@code DOWN}, as the gateway's {@code /readyz} would be.
 */
public final class ProviderHealth {
    /** Out of rotation while mail flows through another provider. */
    public static final Status OUT_OF_ROTATION =
            new Status("OUT_OF_ROTATION", "out of rotation; mail fails over to the other providers");

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
        List<ProviderStatus> all = postern.providers();
        ProviderStatus status =
                all.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        boolean anyAvailable = all.stream().anyMatch(s -> s.state() == ProviderState.AVAILABLE);
        Health.Builder health = Health.status(
                status.state() == ProviderState.AVAILABLE ? Status.UP : anyAvailable ? OUT_OF_ROTATION : Status.DOWN);
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

package dev.postern;

import dev.postern.breaker.BreakerState;
import dev.postern.health.HealthCheck;
import dev.postern.provider.RateLimitStatus;
import dev.postern.routing.ProviderState;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one provider as routing sees it.
 *
 * @param coolingUntil when a rate-limited provider comes back, if it is cooling
 * @param lastHealthCheck the latest health probe, if one ran yet
 * @param rateLimit the provider's rate budget: its current report, else the configured limit
 */
public record ProviderStatus(
        String name,
        String type,
        ProviderState state,
        BreakerState breaker,
        int priority,
        int weight,
        Optional<Instant> coolingUntil,
        Optional<HealthCheck> lastHealthCheck,
        RateLimitStatus rateLimit) {}

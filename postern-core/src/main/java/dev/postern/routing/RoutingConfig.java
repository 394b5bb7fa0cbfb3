package dev.postern.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How messages are routed across providers.
 *
 * @param strategy how the first provider is picked
 * @param maxAttempts the most providers one send tries before giving up for now
 * @param onAmbiguous what to do when an answer never came
 * @param defaultCooling how long a provider that rate-limited without saying for how long is skipped
 */
public record RoutingConfig(Strategy strategy, int maxAttempts, OnAmbiguous onAmbiguous, Duration defaultCooling) {

    /** Priority order, 3 attempts, fail over on ambiguity, 30 s cooling when none is stated. */
    public static final RoutingConfig DEFAULTS =
            new RoutingConfig(Strategy.PRIORITY, 3, OnAmbiguous.FAILOVER, Duration.ofSeconds(30));

    public RoutingConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onAmbiguous, "on_ambiguous");
        Objects.requireNonNull(defaultCooling, "default_cooling");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be >= 1, but was " + maxAttempts);
        }
        if (defaultCooling.isNegative() || defaultCooling.isZero()) {
            throw new IllegalArgumentException("default_cooling must be > 0, but was " + defaultCooling);
        }
    }

    public RoutingConfig withStrategy(Strategy strategy) {
        return new RoutingConfig(strategy, maxAttempts, onAmbiguous, defaultCooling);
    }

    public RoutingConfig withMaxAttempts(int maxAttempts) {
        return new RoutingConfig(strategy, maxAttempts, onAmbiguous, defaultCooling);
    }

    public RoutingConfig withOnAmbiguous(OnAmbiguous onAmbiguous) {
        return new RoutingConfig(strategy, maxAttempts, onAmbiguous, defaultCooling);
    }

    public RoutingConfig withDefaultCooling(Duration defaultCooling) {
        return new RoutingConfig(strategy, maxAttempts, onAmbiguous, defaultCooling);
    }
}

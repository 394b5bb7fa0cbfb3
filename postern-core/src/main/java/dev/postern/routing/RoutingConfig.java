package dev.postern.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How messages are routed across providers.
 *
 * @param strategy how the first provider is picked
 * @param maxAttempts the most providers one send tries before giving up for now
 * @param onAmbiguous what to do when an answer never came
 * @param defaultCooling how long a provider that rate-limited without saying for how long is skipped
 * @param degradeOnFailover features dropped from a message on any route other than its planned one
 *     (YAML {@code degrade_on_failover}); {@link Feature#TRACKING} by default, because a backup's
 *     tracking links and pixels point at a domain set up for another provider; an empty set sends
 *     the message unchanged
 * @param trackingUrlPrefixes absolute URL prefixes of click-tracking redirects (e.g. {@code
 *     https://click.mailer.example/}); links starting with one are unwrapped, and images loaded from
 *     one removed, when {@link Feature#TRACKING} is degraded on failover
 */
public record RoutingConfig(
        Strategy strategy,
        int maxAttempts,
        OnAmbiguous onAmbiguous,
        Duration defaultCooling,
        Set<Feature> degradeOnFailover,
        List<String> trackingUrlPrefixes) {

    /**
     * Priority order, 3 attempts, fail over on ambiguity, 30 s cooling when none is stated, tracking
     * degraded on failover.
     */
    public static final RoutingConfig DEFAULTS = new RoutingConfig(
            Strategy.PRIORITY, 3, OnAmbiguous.FAILOVER, Duration.ofSeconds(30), Set.of(Feature.TRACKING), List.of());

    public RoutingConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(onAmbiguous, "on_ambiguous");
        Objects.requireNonNull(defaultCooling, "default_cooling");
        Objects.requireNonNull(degradeOnFailover, "degrade_on_failover");
        Objects.requireNonNull(trackingUrlPrefixes, "tracking_url_prefixes");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be >= 1, but was " + maxAttempts);
        }
        if (defaultCooling.isNegative() || defaultCooling.isZero()) {
            throw new IllegalArgumentException("default_cooling must be > 0, but was " + defaultCooling);
        }
        degradeOnFailover = degradeOnFailover.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(degradeOnFailover));
        trackingUrlPrefixes = List.copyOf(trackingUrlPrefixes);
        for (int i = 0; i < trackingUrlPrefixes.size(); i++) {
            checkPrefix(i, trackingUrlPrefixes.get(i));
        }
    }

    /** Without degradation on failover. */
    public RoutingConfig(Strategy strategy, int maxAttempts, OnAmbiguous onAmbiguous, Duration defaultCooling) {
        this(strategy, maxAttempts, onAmbiguous, defaultCooling, Set.of(), List.of());
    }

    private static void checkPrefix(int index, String prefix) {
        String problem = "tracking_url_prefixes[" + index + "] must be an absolute http(s) URL, but was " + prefix;
        if (prefix == null) {
            throw new IllegalArgumentException(problem);
        }
        try {
            URI uri = new URI(prefix);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(problem);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
    }

    public RoutingConfig withStrategy(Strategy strategy) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }

    public RoutingConfig withMaxAttempts(int maxAttempts) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }

    public RoutingConfig withOnAmbiguous(OnAmbiguous onAmbiguous) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }

    public RoutingConfig withDefaultCooling(Duration defaultCooling) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }

    public RoutingConfig withDegradeOnFailover(Set<Feature> degradeOnFailover) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }

    public RoutingConfig withTrackingUrlPrefixes(List<String> trackingUrlPrefixes) {
        return new RoutingConfig(
                strategy, maxAttempts, onAmbiguous, defaultCooling, degradeOnFailover, trackingUrlPrefixes);
    }
}

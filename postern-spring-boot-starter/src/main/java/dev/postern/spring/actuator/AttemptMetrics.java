package dev.postern.spring.actuator;

import dev.postern.provider.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Counts attempts on the application's Micrometer registry: {@code postern.attempts} tagged with
 * {@code provider} and {@code outcome} ({@code accepted}, {@code rejected}, {@code unavailable},
 * {@code rate_limited}, {@code misconfigured}, {@code ambiguous}).
 */
public final class AttemptMetrics implements AttemptObserver {
    /** The counter's name. */
    public static final String ATTEMPTS = "postern.attempts";

    private final Supplier<MeterRegistry> registry;

    /** {@code registry} is asked on every attempt, so it may appear after Postern is built. */
    public AttemptMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void attempted(String provider, SendOutcome outcome) {
        MeterRegistry meters = registry.get();
        if (meters != null) {
            meters.counter(ATTEMPTS, "provider", provider, "outcome", outcome(outcome))
                    .increment();
        }
    }

    static String outcome(SendOutcome outcome) {
        return outcome.wireName();
    }
}

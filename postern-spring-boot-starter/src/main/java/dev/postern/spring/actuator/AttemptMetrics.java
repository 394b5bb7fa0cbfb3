package dev.postern.spring.actuator;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Counts attempts on the application's Micrometer registry: {@code postern.attempts} tagged with
 * {@code provider} and {@code outcome} ({@code accepted}, {@code rejected}, {@code unavailable},
 * {@code rate_limited}, {@code misconfigured}, {@code ambiguous}). A listener of {@link
 * PosternEvent.Attempted}: it runs off the sending thread, so counts follow a send by a moment.
 */
public final class AttemptMetrics implements EventListener {
    /** The counter's name. */
    public static final String ATTEMPTS = "postern.attempts";

    private final Supplier<MeterRegistry> registry;

    /** {@code registry} is asked on every attempt, so it may appear after Postern is built. */
    public AttemptMetrics(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void on(PosternEvent event) {
        MeterRegistry meters = registry.get();
        if (meters != null && event instanceof PosternEvent.Attempted attempt) {
            meters.counter(
                            ATTEMPTS,
                            "provider",
                            attempt.name(),
                            "outcome",
                            attempt.outcome().wireName())
                    .increment();
        }
    }
}

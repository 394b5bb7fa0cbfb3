package dev.postern.server.metrics;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events: every one by type (attempts apart: {@link AttemptMeter} counts and times those by
 * provider and outcome), failovers by route, rate limiting by provider, and for hung
 * providers the suspect transitions, the attempts rerouted before hand-off and how long the oldest
 * attempt had waited when the provider turned suspect (≈ from the onset of a hang to the reroute).
 * The route and provider series start at zero for every known provider, so {@code rate()} works
 * from the start.
 */
final class EventCounter implements EventListener {
    private final MeterRegistry registry;
    private final Map<String, AttemptMeter> attempts = new ConcurrentHashMap<>();

    EventCounter(MeterRegistry registry, List<String> providers) {
        this.registry = registry;
        for (String from : providers) {
            attempts.put(from, new AttemptMeter(from, registry));
            rateLimited(from);
            suspect(from);
            rerouted(from);
            detection(from);
            for (String to : providers) {
                if (!from.equals(to)) {
                    failovers(from, to);
                }
            }
        }
    }

    private Counter failovers(String from, String to) {
        return Counter.builder("postern.failovers")
                .description("Messages moved from one provider to another, by route")
                .tag("from", from)
                .tag("to", to)
                .register(registry);
    }

    private Counter rateLimited(String provider) {
        return perProvider("postern.rate.limited", "Times a provider asked Postern to slow down", provider);
    }

    private Counter suspect(String provider) {
        return perProvider(
                "postern.suspect.transitions",
                "Times a provider turned suspect: an attempt in flight outlived suspect_after",
                provider);
    }

    private Counter rerouted(String provider) {
        return perProvider(
                "postern.attempts.rerouted",
                "Attempts to a suspect provider cancelled before hand-off and sent elsewhere",
                provider);
    }

    private Counter perProvider(String name, String description, String provider) {
        return Counter.builder(name)
                .description(description)
                .tag("provider", provider)
                .register(registry);
    }

    private Timer detection(String provider) {
        return Timer.builder("postern.suspect.detection")
                .description("How long the oldest attempt had been in flight when its provider turned suspect")
                .tag("provider", provider)
                .register(registry);
    }

    @Override
    public void on(PosternEvent event) {
        if (event instanceof PosternEvent.Attempted attempt) {
            attempts.computeIfAbsent(attempt.name(), name -> new AttemptMeter(name, registry))
                    .attempted(attempt);
            return;
        }
        Counter.builder("postern.events")
                .description("Events published, by type")
                .tag("type", event.type())
                .register(registry)
                .increment();
        switch (event) {
            case PosternEvent.Failover f -> failovers(f.from(), f.to()).increment();
            case PosternEvent.RateLimited r -> rateLimited(r.name()).increment();
            case PosternEvent.ProviderSuspect s -> {
                suspect(s.name()).increment();
                rerouted(s.name()).increment(s.cancelled());
                detection(s.name()).record(s.oldest());
            }
            default -> {
                // counted by type above
            }
        }
    }
}

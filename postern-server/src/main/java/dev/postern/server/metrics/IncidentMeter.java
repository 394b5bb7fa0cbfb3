package dev.postern.server.metrics;

import dev.postern.alert.IncidentView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code postern_incidents_total{provider,condition}} (incidents opened) and {@code
 * postern_incidents_open{provider,condition}}, fed by Postern's incident changes: an incident
 * counts from its first signal, paged or not. Gateway-wide incidents carry {@code provider="*"}.
 * The series of the configured providers and of the gateway-wide conditions start at 0.
 */
final class IncidentMeter implements Consumer<IncidentView> {
    static final String GATEWAY = "*";

    private record Key(String provider, String condition) {}

    private final MeterRegistry registry;
    private final Map<Key, AtomicInteger> open = new ConcurrentHashMap<>();

    IncidentMeter(MeterRegistry registry, List<String> providers) {
        this.registry = registry;
        for (String p : providers) {
            series(new Key(p, "provider_down"));
            series(new Key(p, "bounce_rate_high"));
            series(new Key(p, "complaint_rate_high"));
        }
        series(new Key(GATEWAY, "all_providers_down"));
        series(new Key(GATEWAY, "backlog_high"));
    }

    @Override
    public void accept(IncidentView incident) {
        Key key = new Key(incident.provider().orElse(GATEWAY), incident.condition());
        switch (incident.state()) {
            case OPENED -> {
                counter(key).increment();
                series(key).incrementAndGet();
            }
            case RESOLVED -> series(key).decrementAndGet();
            case UPDATED -> {} // changes are only openings and resolutions
        }
    }

    private AtomicInteger series(Key key) {
        return open.computeIfAbsent(key, k -> {
            AtomicInteger value = new AtomicInteger();
            counter(k);
            Gauge.builder("postern.incidents.open", value, AtomicInteger::get)
                    .description("Incidents open now, by provider and condition")
                    .tag("provider", k.provider())
                    .tag("condition", k.condition())
                    .register(registry);
            return value;
        });
    }

    private Counter counter(Key key) {
        return Counter.builder("postern.incidents")
                .description("Incidents opened, by provider and condition")
                .tag("provider", key.provider())
                .tag("condition", key.condition())
                .register(registry);
    }
}

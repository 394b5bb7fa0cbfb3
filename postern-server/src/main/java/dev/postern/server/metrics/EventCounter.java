package dev.postern.server.metrics;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts events: every one by type, failovers by route, rate limiting by provider. */
final class EventCounter implements EventListener {
    private final MeterRegistry registry;

    EventCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void on(PosternEvent event) {
        Counter.builder("postern.events")
                .description("Events published, by type")
                .tag("type", event.type())
                .register(registry)
                .increment();
        switch (event) {
            case PosternEvent.Failover f ->
                Counter.builder("postern.failovers")
                        .description("Messages moved from one provider to another, by route")
                        .tag("from", f.from())
                        .tag("to", f.to())
                        .register(registry)
                        .increment();
            case PosternEvent.RateLimited r ->
                Counter.builder("postern.rate.limited")
                        .description("Times a provider asked Postern to slow down")
                        .tag("provider", r.name())
                        .register(registry)
                        .increment();
            default -> {
                // counted by type above
            }
        }
    }
}

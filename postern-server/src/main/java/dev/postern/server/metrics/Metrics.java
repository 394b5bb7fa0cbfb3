package dev.postern.server.metrics;

import dev.postern.Postern;
import dev.postern.alert.AlertSink;
import dev.postern.event.EventListener;
import dev.postern.outbox.Outbox;
import dev.postern.server.stats.ObservedProvider;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The gateway's Prometheus metrics, served at {@code GET /metrics}; every name and label is in
 * docs/metrics.md. Metrics are fed only by wrappers and listeners ({@link #measure}, {@link
 * #events}, {@link #sink}) and read-only gauges ({@link #watch}): recording never changes an
 * outcome, and a failure to record is swallowed rather than allowed near delivery.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Counts, times and logs the attempts of provider {@code name}; hand it to {@link ObservedProvider}. */
    public ObservedProvider.Observer observer(String name) {
        return new AttemptMeter(name, registry);
    }

    /** Counts failovers, rate limiting and every event by type; the route series of {@code providers} start at 0. */
    public EventListener events(List<String> providers) {
        return new EventCounter(registry, providers);
    }

    /** {@code sink}, with its deliveries counted by {@code type} and result. */
    public AlertSink sink(String type, AlertSink sink) {
        return new CountedSink(type, sink, registry);
    }

    /** Registers the gauges and outbox counters read from {@code postern} and {@code outbox} at each scrape. */
    public void watch(Postern postern, Outbox outbox) {
        ProviderGauges.register(registry, postern);
        OutboxMeters.register(registry, outbox);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}

package dev.postern.server.metrics;

import dev.postern.Postern;
import dev.postern.alert.AlertSink;
import dev.postern.alert.IncidentView;
import dev.postern.event.EventListener;
import dev.postern.outbox.Outbox;
import dev.postern.server.stats.DeliveryRates;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's Prometheus metrics, served at {@code GET /metrics}; every name and label is in
 * docs/metrics.md. Metrics are fed only by listeners ({@link #events}, {@link #incidents}), a
 * counting sink wrapper ({@link #sink}) and read-only gauges ({@link #watch}): recording never changes an outcome, and
 * listeners run off the send path, so a slow or failing one cannot hold delivery up.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WebhookMeter webhooks = new WebhookMeter(registry);

    /**
     * Counts, times and logs every attempt; counts failovers, rate limiting and every other event
     * by type. The series of {@code providers} start at 0.
     */
    public EventListener events(List<String> providers) {
        return new EventCounter(registry, providers);
    }

    /** Counts incidents opened and open, by provider and condition; hand it to Postern's incident changes. */
    public Consumer<IncidentView> incidents(List<String> providers) {
        return new IncidentMeter(registry, providers);
    }

    /** {@code sink}, with its deliveries counted by {@code type} and result. */
    public AlertSink sink(String type, AlertSink sink) {
        return new CountedSink(type, sink, registry);
    }

    /**
     * Registers the gauges and outbox counters read from {@code postern} and {@code outbox} at each
     * scrape, and {@code postern_events_dropped_total} for each listener added to {@code postern}
     * so far: call it once every listener is wired.
     */
    public void watch(Postern postern, Outbox outbox) {
        ProviderGauges.register(registry, postern);
        OutboxMeters.register(registry, outbox);
        for (String listener : postern.droppedEvents().keySet()) {
            FunctionCounter.builder(
                            "postern.events.dropped",
                            postern,
                            p -> p.droppedEvents().getOrDefault(listener, 0L))
                    .description("Events a listener lost because it fell behind (its queue was full)")
                    .tag("listener", listener)
                    .register(registry);
        }
    }

    /**
     * Registers {@code postern_provider_bounce_rate{provider}} and {@code
     * postern_provider_complaint_rate{provider}}, read from {@code rates} at each scrape.
     */
    public void rates(List<String> providers, DeliveryRates rates) {
        for (String provider : providers) {
            Gauge.builder(
                            "postern.provider.bounce.rate",
                            rates,
                            r -> r.of(provider).bounceRate())
                    .description("Hard bounces per message the provider accepted, over the last hour")
                    .tag("provider", provider)
                    .register(registry);
            Gauge.builder(
                            "postern.provider.complaint.rate",
                            rates,
                            r -> r.of(provider).complaintRate())
                    .description("Spam complaints per message the provider accepted, over the last hour")
                    .tag("provider", provider)
                    .register(registry);
        }
    }

    /** Delivery events in and out: webhook requests, events stored, outbound deliveries, queue depth. */
    public WebhookMeter webhooks() {
        return webhooks;
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}

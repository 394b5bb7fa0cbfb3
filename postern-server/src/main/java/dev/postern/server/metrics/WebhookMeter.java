package dev.postern.server.metrics;

import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.server.events.DeliveryEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Delivery events in and out (docs/metrics.md): {@code postern_webhook_requests_total{provider,
 * outcome}} for each provider webhook request, {@code postern_delivery_events_total{provider,type}}
 * for each new event stored, {@code postern_event_deliveries_total{result}} for each outbound
 * webhook POST, and the outbound queue's depth.
 */
public final class WebhookMeter implements DeliveryEventListener {
    private final MeterRegistry registry;

    WebhookMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Starts at 0 the series a dashboard rates per provider ({@code delivered}, {@code bounced} and
     * {@code complained} events; verified and refused webhook requests) and the outbound results,
     * so that a rate exists before the first event.
     */
    public void start(List<String> providers) {
        for (String provider : providers) {
            for (String type : List.of("delivered", "bounced", "complained")) {
                events(provider, type);
            }
            requests(provider, "events");
            requests(provider, "unauthorized");
        }
        for (String result : List.of("delivered", "retried", "failed")) {
            deliveries(result);
        }
    }

    private Counter requests(String provider, String outcome) {
        return Counter.builder("postern.webhook.requests")
                .description("Provider delivery-event webhook requests, by provider and outcome")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter events(String provider, String type) {
        return Counter.builder("postern.delivery.events")
                .description("Delivery events stored (replays not counted), by provider and type")
                .tag("provider", provider)
                .tag("type", type)
                .register(registry);
    }

    private Counter deliveries(String result) {
        return Counter.builder("postern.event.deliveries")
                .description("Outbound event webhook deliveries, by result")
                .tag("result", result)
                .register(registry);
    }

    /** Counts one provider webhook request by what its verifier made of it. */
    public void outcome(String provider, WebhookOutcome outcome) {
        String name = switch (outcome) {
            case WebhookOutcome.Events e -> "events";
            case WebhookOutcome.Unauthorized u -> "unauthorized";
            case WebhookOutcome.Unavailable u -> "unavailable";
            case WebhookOutcome.Stale s -> "stale";
            case WebhookOutcome.Malformed m -> "malformed";
            case WebhookOutcome.Subscribe s -> "subscribe";
        };
        requests(provider, name).increment();
    }

    @Override
    public void recorded(List<StoredEvent> events) {
        for (StoredEvent e : events) {
            events(e.provider(), e.type().wireName()).increment();
        }
    }

    /** Counts one outbound webhook POST: {@code delivered}, {@code retried} or {@code failed} (given up). */
    public void delivery(String result) {
        deliveries(result).increment();
    }

    /** Registers the outbound queue's depth, read from {@code depth} at each scrape. */
    public void watchQueue(LongSupplier depth) {
        Gauge.builder("postern.event.delivery.queue", depth, d -> d.getAsLong())
                .description("Delivery events waiting to be sent to the outbound webhook")
                .register(registry);
    }
}

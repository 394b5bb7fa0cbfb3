package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Turns events into alerts on state changes, not per message: the first event of a condition
 * (a provider unhealthy, its breaker open, failovers away from it, …) is sent at once; repeats are
 * counted and sent as one reminder per {@code renotify}; per-message events (failovers, rate
 * limiting, failed messages) are summed up once per aggregation window while they keep coming; the
 * provider's recovery closes its conditions and is sent once. Sinks are called on {@code executor}
 * and retried on {@code scheduler} ({@link SinkRetry}), never on the caller's thread.
 */
public final class Alerter implements EventListener {
    private final AlertConfig config;
    private final List<AlertSink> sinks;
    private final Clock clock;
    private final SinkRetry delivery;
    private final Map<String, Incident> open = new ConcurrentHashMap<>();

    public Alerter(AlertConfig config, List<AlertSink> sinks, Clock clock, Executor executor, Scheduler scheduler) {
        this(config, sinks, clock, executor, scheduler, delivery -> {});
    }

    /** As above; {@code deliveries} hears how each attempt to give an alert to a sink went. */
    public Alerter(
            AlertConfig config,
            List<AlertSink> sinks,
            Clock clock,
            Executor executor,
            Scheduler scheduler,
            Consumer<AlertDelivery> deliveries) {
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.delivery = new SinkRetry(executor, scheduler, deliveries);
    }

    @Override
    public void on(PosternEvent event) {
        switch (AlertPolicy.of(event)) {
            case CONDITION, REPEATED, AGGREGATED -> raise(event);
            case RESOLUTION -> resolve(event);
            case NOTICE -> send(alert(event, 1, false));
            case NONE -> {}
        }
    }

    /** Sends a reminder for each condition notified {@code renotify} ago or more that still holds. */
    public void remind() {
        Instant now = clock.instant();
        open.values().removeIf(incident -> incident.quiet(now));
        open.values().forEach(incident -> incident.reminderDue(now).ifPresent(this::send));
    }

    private void raise(PosternEvent event) {
        Duration period = AlertPolicy.of(event) == AlertPolicy.AGGREGATED ? config.aggregate() : config.renotify();
        Incident fresh = new Incident(event, clock.instant(), period);
        Incident existing = open.putIfAbsent(AlertPolicy.key(event), fresh);
        if (existing == null) {
            send(alert(event, 1, false));
        } else {
            existing.repeat(event, clock.instant()).ifPresent(this::send);
        }
    }

    private void resolve(PosternEvent event) {
        Optional<String> provider = event.provider();
        // A provider's recovery also ends "all providers down": one is back.
        open.values().removeIf(i -> i.provider().isEmpty() || i.provider().equals(provider));
        send(alert(event, 1, false));
    }

    static Alert alert(PosternEvent event, long occurrences, boolean reminder) {
        String detail = reminder ? "still ongoing: " + event.detail() : event.detail();
        return new Alert(
                event.type(), event.provider(), event.at(), detail, Map.of("occurrences", occurrences), reminder);
    }

    private void send(Alert alert) {
        for (AlertSink sink : sinks) {
            delivery.deliver(sink, alert);
        }
    }
}

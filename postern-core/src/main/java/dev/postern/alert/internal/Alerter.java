package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertSink;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into alerts on state changes, not per message: the first event of a condition
 * (a provider unhealthy, its breaker open, failovers away from it, …) is sent at once; repeats are
 * counted and sent as one reminder per {@code renotify}; the provider's recovery closes its
 * conditions and is sent once.
 */
public final class Alerter implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);

    private final AlertConfig config;
    private final List<AlertSink> sinks;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, Incident> open = new ConcurrentHashMap<>();

    public Alerter(AlertConfig config, List<AlertSink> sinks, Clock clock, Executor executor) {
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public void on(PosternEvent event) {
        switch (AlertPolicy.of(event)) {
            case CONDITION, REPEATED -> raise(event);
            case RESOLUTION -> resolve(event);
            case NOTICE -> send(alert(event, 1, false));
        }
    }

    /** Sends a reminder for each condition notified {@code renotify} ago or more that still holds. */
    public void remind() {
        Instant now = clock.instant();
        open.values().removeIf(incident -> incident.quiet(now, config.renotify()));
        open.values()
                .forEach(
                        incident -> incident.reminderDue(now, config.renotify()).ifPresent(this::send));
    }

    private void raise(PosternEvent event) {
        Incident fresh = new Incident(event, clock.instant());
        Incident existing = open.putIfAbsent(key(event), fresh);
        if (existing == null) {
            send(alert(event, 1, false));
        } else {
            existing.repeat(event, clock.instant(), config.renotify()).ifPresent(this::send);
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
            executor.execute(() -> {
                try {
                    sink.deliver(alert);
                } catch (Exception e) {
                    LOG.warn("alert sink {} failed to deliver {}: {}", sink, alert.event(), e.toString());
                }
            });
        }
    }

    private static String key(PosternEvent event) {
        return event.type() + "/" + event.provider().orElse("*");
    }
}

package dev.postern;

import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
import dev.postern.alert.IncidentView;
import dev.postern.alert.internal.Alerter;
import dev.postern.email.Email;
import dev.postern.error.PosternException;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.event.internal.EventBus;
import dev.postern.health.internal.HealthMonitor;
import dev.postern.internal.Dispatch;
import dev.postern.internal.ProviderRoute;
import dev.postern.internal.Watchdog;
import dev.postern.provider.Provider;
import dev.postern.ratelimit.SharedBudget;
import dev.postern.routing.RoutingConfig;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Sends email through several providers with failover: the door to Postern as a Java library.
 *
 * <pre>{@code
 * Postern postern = Postern.builder()
 *         .provider("primary", primary)
 *         .provider("backup", backup)
 *         .build();
 * SendResult result = postern.send(email);
 * }</pre>
 *
 * <p>{@link #send} is synchronous: it returns once a provider accepted the message, rejected it,
 * or no provider could take it now ({@link SendResult.Status#DEFERRED}); it never throws for what
 * a provider did. Health probes and alert deliveries run in the background until {@link #close}.
 * Instances are thread-safe.
 */
public final class Postern implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final Map<String, ProviderRoute> routes;
    private final Dispatch dispatch;
    private final MessageIds ids;
    private final HealthMonitor health;
    private final Scheduler.Cancellable reminders;
    private final Watchdog watchdog;
    private final EventBus events;
    private final Alerter alerter;

    private Postern(
            Map<String, ProviderRoute> routes,
            Dispatch dispatch,
            MessageIds ids,
            HealthMonitor health,
            Scheduler.Cancellable reminders,
            Watchdog watchdog,
            EventBus events,
            Alerter alerter) {
        this.routes = routes;
        this.dispatch = dispatch;
        this.ids = ids;
        this.health = health;
        this.reminders = reminders;
        this.watchdog = watchdog;
        this.events = events;
        this.alerter = alerter;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sends {@code email} under a new message id. */
    public SendResult send(Email email) {
        return send(email, ids.next());
    }

    /**
     * Sends {@code email} under {@code messageId} (the outbox's id, so every retry of one message
     * carries the same correlation and idempotency key).
     */
    public SendResult send(Email email, String messageId) {
        Objects.requireNonNull(email, "email");
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new PosternException("messageId must match " + MESSAGE_ID + ", but was " + messageId);
        }
        return dispatch.send(email, messageId);
    }

    /** Every provider's current state, in the order they were added. */
    public List<ProviderStatus> providers() {
        return routes.values().stream().map(ProviderRoute::status).toList();
    }

    /**
     * The incidents alerts are about (docs/alerts.md): those open now, oldest first, then the last
     * {@value Alerter#RECENT} resolved ones, newest first. An open incident shows as {@code
     * OPENED} even while its group wait runs or a gateway-wide incident holds its page back.
     */
    public List<IncidentView> incidents() {
        return alerter.incidents();
    }

    /**
     * When some provider can next take mail, as routing knows it now and without anyone's help: a
     * time not after now while one is in rotation (or its breaker's open wait is over); the end of
     * the earliest cooling or open wait while none is; empty while every provider waits on
     * something with no end time (drained, in a drill, unhealthy, suspect) — then a {@code
     * provider_recovered} or {@code breaker_closed} event, or an {@link #undrain}, brings one back.
     * Whether a provider can carry a given message (its capabilities) is not considered. Reads
     * memory only: cheap enough to ask before every claim (the outbox does).
     */
    public Optional<Instant> availableAt() {
        return routes.values().stream()
                .map(ProviderRoute::availableAt)
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }

    /** Takes {@code provider} out of rotation until {@link #undrain}; attempts in flight finish. */
    public void drain(String provider) {
        route(provider).drain(true);
    }

    /** Puts a drained provider back into rotation. */
    public void undrain(String provider) {
        route(provider).drain(false);
    }

    /** Holds {@code provider} out of rotation (breaker forced open) for a failover drill. */
    public void beginDrill(String provider) {
        route(provider).drill(true);
    }

    /** Ends a drill: the provider's breaker starts closed with a fresh window. */
    public void endDrill(String provider) {
        route(provider).drill(false);
    }

    /**
     * Adds a listener after building, for parts built around this instance (the outbox retries
     * deferred mail when it hears {@code provider_recovered}). Same contract as {@link
     * Builder#listener(String, EventListener)}.
     */
    public void listen(String name, EventListener listener) {
        events.subscribe(Objects.requireNonNull(name, "name"), Objects.requireNonNull(listener, "listener"));
    }

    /** {@link #listen(String, EventListener)} under the name {@code listener}. */
    public void listen(EventListener listener) {
        listen("listener", listener);
    }

    /**
     * Events each listener lost because it fell behind (its queue was full), by listener name in
     * the order they were added; {@code alerts} is the alert sinks' share.
     */
    public Map<String, Long> droppedEvents() {
        return events.dropped();
    }

    /**
     * Publishes an event that happened around this instance (the outbox's {@code message_failed}
     * when a message runs out of time) to every listener and alert sink, as if Postern raised it.
     */
    public void publish(PosternEvent event) {
        events.on(Objects.requireNonNull(event, "event"));
    }

    /** Stops health probes, alert reminders and the suspicion watchdog. Sends in progress finish. */
    @Override
    public void close() {
        health.close();
        reminders.cancel();
        watchdog.close();
    }

    private ProviderRoute route(String name) {
        ProviderRoute route = routes.get(name);
        if (route == null) {
            throw new PosternException(
                    "no provider named '" + name + "'; known: " + String.join(", ", routes.keySet()));
        }
        return route;
    }

    /** Assembles a {@link Postern}; every setting but the providers has a default. */
    public static final class Builder {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

        private record Registration(String name, Provider provider, ProviderConfig config) {}

        private final List<Registration> providers = new ArrayList<>();
        private final Map<String, EventListener> listeners = new LinkedHashMap<>();
        private final List<AlertSink> sinks = new ArrayList<>();
        private final List<Consumer<AlertDelivery>> deliveries = new ArrayList<>();
        private final List<Consumer<IncidentView>> incidentChanges = new ArrayList<>();
        private RoutingConfig routing = RoutingConfig.DEFAULTS;
        private AlertConfig alerts = AlertConfig.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private RandomGenerator random = RandomGenerator.getDefault();
        private SharedBudget sharedBudget;
        private Executor eventExecutor = EventBus.virtualThreads();
        private int eventQueueCapacity = EventBus.DEFAULT_CAPACITY;

        private Builder() {}

        /** Adds a provider with default settings and priority by position: the first added is tried first. */
        public Builder provider(String name, Provider provider) {
            return provider(name, provider, ProviderConfig.DEFAULTS.withPriority(providers.size() + 1));
        }

        public Builder provider(String name, Provider provider, ProviderConfig config) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new PosternException("provider name must match " + NAME + ", but was " + name);
            }
            if (providers.stream().anyMatch(r -> r.name().equals(name))) {
                throw new PosternException("provider name '" + name + "' is used twice");
            }
            providers.add(new Registration(name, Objects.requireNonNull(provider, "provider"), config));
            return this;
        }

        public Builder routing(RoutingConfig routing) {
            this.routing = Objects.requireNonNull(routing, "routing");
            return this;
        }

        /**
         * Adds a listener for every event under {@code name} (which {@link Postern#droppedEvents}
         * reports); see {@link EventListener} for its contract. A name given twice gets a suffix.
         */
        public Builder listener(String name, EventListener listener) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(listener, "listener");
            String unique = name;
            for (int n = 2; listeners.containsKey(unique); n++) {
                unique = name + "-" + n;
            }
            listeners.put(unique, listener);
            return this;
        }

        /** {@link #listener(String, EventListener)} under the name {@code listener}. */
        public Builder listener(EventListener listener) {
            return listener("listener", listener);
        }

        /**
         * Runs the listeners and the alert sinks: each listener's events are handed to it in order
         * by one task at a time on this executor, and each alert goes to each sink as a task of its
         * own — never on the thread that sends. Defaults to virtual threads; tests pass {@code
         * Runnable::run} to hear each event and alert before the call that caused it returns.
         */
        public Builder eventExecutor(Executor executor) {
            this.eventExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * How many events each listener may have waiting (default {@value EventBus#DEFAULT_CAPACITY});
         * beyond that a slow listener loses new events rather than slowing anything down.
         */
        public Builder eventQueueCapacity(int capacity) {
            if (capacity < 1) {
                throw new PosternException("event queue capacity must be >= 1, but was " + capacity);
            }
            this.eventQueueCapacity = capacity;
            return this;
        }

        /** Adds a place alerts go to; without one, alerts go nowhere (events still reach listeners). */
        public Builder alert(AlertSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /**
         * Hears how every attempt to hand an alert to a sink went (delivered, retrying, given up), on
         * the thread that tried; must be quick. A listener that throws is logged and ignored.
         */
        public Builder alertDeliveries(Consumer<AlertDelivery> listener) {
            deliveries.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Hears each incident as it opens (at its first signal, before its group wait, state {@code
         * OPENED}) and as it resolves ({@code RESOLVED}), whether or not it was paged; must be quick
         * (metrics count incidents with it). A listener that throws is logged and ignored.
         */
        public Builder incidentChanges(Consumer<IncidentView> listener) {
            incidentChanges.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder alerts(AlertConfig alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts");
            return this;
        }

        /** The clock for every timestamp, breaker window and cooling period (tests pass a fake one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs health probes and alert reminders (tests pass a fake one); defaults to system timers. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The source of jitter for health probe schedules. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * A rate budget shared with other gateways (PostgreSQL), taken from after each provider's own
         * bucket; without one, rate limits hold for this process alone.
         */
        public Builder sharedBudget(SharedBudget sharedBudget) {
            this.sharedBudget = Objects.requireNonNull(sharedBudget, "shared_budget");
            return this;
        }

        public Postern build() {
            if (providers.isEmpty()) {
                throw new PosternException("at least one provider is needed");
            }
            Scheduler timers = scheduler != null ? scheduler : Scheduler.system();
            EventBus events = new EventBus(eventExecutor, eventQueueCapacity);
            listeners.forEach(events::subscribe);
            List<Consumer<AlertDelivery>> hear = List.copyOf(deliveries);
            List<Consumer<IncidentView>> changes = List.copyOf(incidentChanges);
            Map<String, ProviderRoute> routes = new LinkedHashMap<>();
            Alerter alerter = new Alerter(
                    alerts,
                    sinks,
                    clock,
                    eventExecutor,
                    timers,
                    delivery -> hear.forEach(listener -> listener.accept(delivery)),
                    () -> ProviderRoute.inRotation(routes.values()),
                    changes);
            events.subscribe("alerts", alerter);

            HealthMonitor health = new HealthMonitor(timers, random);
            for (Registration r : providers) {
                ProviderRoute route = new ProviderRoute(
                        r.name(),
                        r.provider(),
                        r.config(),
                        routing.defaultCooling(),
                        clock,
                        events,
                        sharedBudget,
                        routing.onAmbiguous());
                routes.put(r.name(), route);
                health.watch(r.name(), r.provider(), r.config().healthCheck(), route::probed);
            }
            Scheduler.Cancellable reminders = timers.every(AlertConfig.CHECK_EVERY, alerter::tick);
            Watchdog watchdog = new Watchdog(List.copyOf(routes.values()), timers);
            Dispatch dispatch = new Dispatch(List.copyOf(routes.values()), routing, clock, events, watchdog);
            return new Postern(
                    Collections.unmodifiableMap(routes),
                    dispatch,
                    new MessageIds(clock),
                    health,
                    reminders,
                    watchdog,
                    events,
                    alerter);
        }
    }
}

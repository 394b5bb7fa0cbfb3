package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertConfig;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
import dev.postern.alert.IncidentView;
import dev.postern.alert.IncidentView.State;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into incidents (docs/alerts.md): a provider's first bad signal opens its incident,
 * later ones update it silently, and operators hear of it once when it opens ({@code group_wait}
 * after its first signal), every {@code renotify} while it lasts, and once when it resolves (back in
 * rotation with no bad signal for {@code resolve_after}), with the counts of the whole outage.
 * Gateway-wide conditions ({@code all_providers_down}, {@code backlog_high}) are incidents of their
 * own and, while one is open, providers' incidents neither open nor resolve aloud: one that never
 * paged resolves silently (its story is in the gateway-wide one), one that had paged has its
 * resolution held until the gateway-wide incident is over, and one whose provider is still out
 * when it is over pages then. Sinks are called on {@code executor} and retried on {@code
 * scheduler} ({@link SinkRetry}), never on the caller's thread and never under the lock. A
 * provider's reputation conditions ({@code bounce_rate_high}, {@code complaint_rate_high}) are
 * incidents of their own per provider and condition, over when their signal has stopped repeating
 * (as a gateway-wide one), outside inhibition both ways: a provider that delivers but bounces is
 * news whatever else is wrong.
 */
public final class Alerter implements EventListener {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);

    /** Resolved incidents kept for {@link #incidents()}. */
    public static final int RECENT = 100;

    /**
     * How long a reputation condition must go unseen to be over, at least: its rates span an hour
     * and are checked every few seconds, so a couple of minutes without the signal means the rate
     * really fell back, not that a check was late.
     */
    public static final Duration CONDITION_QUIET = Duration.ofMinutes(2);

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AlertConfig config;
    private final List<AlertSink> sinks;
    private final Clock clock;
    private final SinkRetry delivery;
    private final Supplier<Set<String>> inRotation;
    private final List<Consumer<IncidentView>> changes;

    // guarded by this
    private final Map<String, Incident> providers = new LinkedHashMap<>();
    private final Map<String, Incident> gateway = new LinkedHashMap<>();
    private final Map<String, Incident> conditions = new LinkedHashMap<>();
    private final Map<String, ProviderTrack> tracks = new HashMap<>();
    private final List<Incident> heldResolutions = new ArrayList<>();
    private final Deque<Incident> recent = new ArrayDeque<>();
    private Instant anyInRotationSince;
    private Instant inhibitionEndedAt = Instant.MIN;
    private long sequence;

    /**
     * @param inRotation the providers routing may use now, read on each check
     * @param changes hear each incident as it opens (at its first signal, before any group wait)
     *     and as it resolves, under the alerter's lock: must be quick (metrics); one that throws is
     *     logged and the others still hear it
     */
    public Alerter(
            AlertConfig config,
            List<AlertSink> sinks,
            Clock clock,
            Executor executor,
            Scheduler scheduler,
            Consumer<AlertDelivery> deliveries,
            Supplier<Set<String>> inRotation,
            List<Consumer<IncidentView>> changes) {
        this.config = config;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
        this.delivery = new SinkRetry(executor, scheduler, deliveries);
        this.inRotation = inRotation;
        this.changes = List.copyOf(changes);
    }

    @Override
    public void on(PosternEvent event) {
        List<Alert> out = new ArrayList<>();
        synchronized (this) {
            switch (AlertPolicy.of(event)) {
                case PROVIDER_SIGNAL -> providerSignal(event.provider().orElseThrow(), event);
                case FAILOVER -> failover((PosternEvent.Failover) event);
                case RATE_LIMITED -> rateLimited((PosternEvent.RateLimited) event);
                case ATTEMPT -> attempted((PosternEvent.Attempted) event);
                case GATEWAY_SIGNAL -> gatewaySignal(event);
                case PROVIDER_CONDITION -> conditionSignal(event);
                case MESSAGE_FAILED -> everyOpen().forEach(i -> i.tally.messageFailed());
                case NOTICE ->
                    out.add(new Alert(
                            event.type(),
                            event.provider(),
                            event.at(),
                            event.detail(),
                            Map.of("occurrences", 1L),
                            false));
                case RECOVERY -> {} // the next check reads the provider's state
            }
        }
        send(out);
    }

    /** The periodic check ({@link AlertConfig#CHECK_EVERY}): group waits, reminders and resolutions. */
    public void tick() {
        List<Alert> out = new ArrayList<>();
        synchronized (this) {
            check(clock.instant(), inRotation.get(), out);
        }
        send(out);
    }

    private void tell(IncidentView incident) {
        for (Consumer<IncidentView> listener : changes) {
            try {
                listener.accept(incident);
            } catch (RuntimeException e) {
                LOG.warn("an incident listener failed: {}", e.toString());
            }
        }
    }

    /** Open incidents first (oldest first), then the last {@value #RECENT} resolved ones, newest first. */
    public synchronized List<IncidentView> incidents() {
        List<IncidentView> all = new ArrayList<>();
        gateway.values().forEach(i -> all.add(i.view(State.OPENED)));
        providers.values().forEach(i -> all.add(i.view(State.OPENED)));
        conditions.values().forEach(i -> all.add(i.view(State.OPENED)));
        recent.forEach(i -> all.add(i.view(State.RESOLVED)));
        return all;
    }

    private void providerSignal(String provider, PosternEvent event) {
        Incident incident = providers.get(provider);
        if (incident == null) {
            incident = new Incident(
                    nextId(provider, event.at()), Optional.of(provider), Incident.PROVIDER_DOWN, event.at());
            incident.tally.absorb(track(provider).takePending());
            providers.put(provider, incident);
            tell(incident.view(State.OPENED));
        }
        incident.signal(event.type(), event.detail(), event.at());
    }

    private void failover(PosternEvent.Failover f) {
        tally(f.from()).failedOver();
        gateway.values().forEach(i -> i.tally.failedOver());
        // a message passed on because the provider asked to slow down is not an outage (yet)
        if (!track(f.from()).rateLimitedLast) {
            providerSignal(f.from(), f);
        }
    }

    private void rateLimited(PosternEvent.RateLimited r) {
        tally(r.name()).rateLimited();
        gateway.values().forEach(i -> i.tally.rateLimited());
        Duration lasting = track(r.name()).rateLimited(r.at(), r.until());
        if (lasting.compareTo(config.rateLimitedFor()) >= 0) {
            providerSignal(r.name(), r);
        }
    }

    private void attempted(PosternEvent.Attempted a) {
        ProviderTrack track = track(a.name());
        tally(a.name()).attempt(a.outcome(), a.latency());
        gateway.values().forEach(i -> i.tally.attempt(a.outcome(), a.latency()));
        if (Tally.failed(a.outcome())) {
            track.rateLimitedLast = a.outcome() instanceof dev.postern.provider.SendOutcome.RateLimited;
        } else {
            track.answeredWell();
        }
    }

    private void gatewaySignal(PosternEvent event) {
        Incident incident = gateway.get(event.type());
        if (incident == null) {
            incident = new Incident(nextId(event.type(), event.at()), Optional.empty(), event.type(), event.at());
            gateway.put(event.type(), incident);
            tell(incident.view(State.OPENED));
        }
        incident.signal(event.type(), event.detail(), event.at());
    }

    private void conditionSignal(PosternEvent event) {
        String provider = event.provider().orElseThrow();
        Incident incident = conditions.get(event.type() + " " + provider);
        if (incident == null) {
            incident = new Incident(
                    nextId(provider + "-" + event.type(), event.at()), Optional.of(provider), event.type(), event.at());
            conditions.put(event.type() + " " + provider, incident);
            tell(incident.view(State.OPENED));
        }
        incident.signal(event.type(), event.detail(), event.at());
    }

    /** Reputation conditions: over once quiet, opened and reminded whatever else is open. */
    private void checkConditions(Instant now, List<Alert> out) {
        Duration quiet = config.resolveAfter().compareTo(CONDITION_QUIET) > 0 ? config.resolveAfter() : CONDITION_QUIET;
        List<Map.Entry<String, Incident>> over = conditions.entrySet().stream()
                .filter(e ->
                        !now.isBefore(e.getValue().lastBadAt().plus(e.getValue().quietFor(quiet))))
                .toList();
        for (Map.Entry<String, Incident> e : over) {
            conditions.remove(e.getKey());
            resolve(e.getValue(), now);
            if (e.getValue().notified()) {
                out.add(notice(e.getValue(), State.RESOLVED, now));
            }
        }
        conditions.values().forEach(i -> openOrRemind(i, now, out));
    }

    private void check(Instant now, Set<String> available, List<Alert> out) {
        checkConditions(now, out);
        anyInRotationSince = available.isEmpty() ? null : anyInRotationSince == null ? now : anyInRotationSince;
        for (Incident i : providers.values()) {
            boolean in = available.contains(i.provider.orElseThrow());
            i.inRotationSince = in ? (i.inRotationSince == null ? now : i.inRotationSince) : null;
        }
        // providers first, so that a provider settling with the gateway-wide incident does so quietly
        List<Incident> settled =
                providers.values().stream().filter(i -> settled(i, now)).toList();
        for (Incident i : settled) {
            providers.remove(i.provider.orElseThrow());
            resolve(i, now);
            if (!i.notified()) {
                continue; // never paged: nothing to resolve (inhibited, or over within its group wait)
            }
            if (gateway.isEmpty()) {
                out.add(notice(i, State.RESOLVED, now));
            } else {
                heldResolutions.add(i);
            }
        }
        List<Incident> over =
                gateway.values().stream().filter(i -> gatewayOver(i, now)).toList();
        for (Incident i : over) {
            gateway.remove(i.condition);
            resolve(i, now);
            if (i.notified()) {
                out.add(notice(i, State.RESOLVED, now));
            }
        }
        if (!over.isEmpty() && gateway.isEmpty()) {
            inhibitionEndedAt = now;
        }
        if (gateway.isEmpty()) {
            heldResolutions.forEach(i -> out.add(notice(i, State.RESOLVED, now)));
            heldResolutions.clear();
        }
        gateway.values().forEach(i -> openOrRemind(i, now, out));
        for (Incident i : providers.values()) {
            if (!gateway.isEmpty()) {
                i.inhibited |= !i.notified() && !now.isBefore(i.openedAt.plus(config.groupWait()));
                continue; // inhibited: neither opened nor reminded aloud
            }
            // after an inhibition, page only if the provider is still out or went bad again since
            if (i.inhibited
                    && !i.notified()
                    && i.inRotationSince != null
                    && !i.lastBadAt().isAfter(inhibitionEndedAt)) {
                continue;
            }
            openOrRemind(i, now, out);
        }
    }

    private boolean settled(Incident i, Instant now) {
        Duration settle = config.resolveAfter();
        return i.inRotationSince != null
                && !now.isBefore(i.inRotationSince.plus(settle))
                && !now.isBefore(i.lastBadAt().plus(settle));
    }

    private boolean gatewayOver(Incident i, Instant now) {
        boolean quiet = !now.isBefore(i.lastBadAt().plus(i.quietFor(config.resolveAfter())));
        if (i.condition.equals("all_providers_down")) {
            return quiet && anyInRotationSince != null && !now.isBefore(anyInRotationSince.plus(config.resolveAfter()));
        }
        return quiet;
    }

    private void openOrRemind(Incident i, Instant now, List<Alert> out) {
        if (!i.notified()) {
            if (!now.isBefore(i.openedAt.plus(config.groupWait()))) {
                out.add(notice(i, State.OPENED, now));
            }
        } else if (!now.isBefore(i.notifiedAt.plus(config.renotify()))) {
            out.add(notice(i, State.UPDATED, now));
        }
    }

    private void resolve(Incident i, Instant now) {
        i.resolvedAt = now;
        recent.addFirst(i);
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
        tell(i.view(State.RESOLVED));
    }

    private Alert notice(Incident i, State state, Instant now) {
        IncidentView view = i.view(state);
        Map<String, Long> counts = new LinkedHashMap<>(view.counts());
        counts.put("occurrences", Math.max(1, i.takeSinceNotified()));
        i.notifiedAt = now;
        return new Alert(
                "incident_" + state.name().toLowerCase(Locale.ROOT),
                i.provider,
                now,
                Summaries.of(view, i.lastDetail(), now),
                counts,
                state == State.UPDATED,
                Optional.of(view));
    }

    private Tally tally(String provider) {
        Incident open = providers.get(provider);
        return open != null ? open.tally : track(provider).pending;
    }

    private ProviderTrack track(String provider) {
        return tracks.computeIfAbsent(provider, p -> new ProviderTrack());
    }

    private List<Incident> everyOpen() {
        List<Incident> open = new ArrayList<>(gateway.values());
        open.addAll(providers.values());
        return open;
    }

    /** {@code primary-20260105T090000Z-3}: readable, and unique in this process by its sequence. */
    private String nextId(String subject, Instant at) {
        return subject + "-" + ID_TIME.format(at) + "-" + (++sequence);
    }

    private void send(List<Alert> alerts) {
        for (Alert alert : alerts) {
            for (AlertSink sink : sinks) {
                delivery.deliver(sink, alert);
            }
        }
    }
}

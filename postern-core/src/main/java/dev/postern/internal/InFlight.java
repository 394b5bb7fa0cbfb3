package dev.postern.internal;

import dev.postern.provider.AttemptContext;
import dev.postern.routing.AdaptiveSuspicion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts in flight to one provider and whether their age makes it suspect. A watchdog calls
 * {@link #check} a few times a second: when an attempt not yet judged has been in flight for
 * its threshold ({@code suspectAfter}, or less under {@link AdaptiveSuspicion}) beyond the time its
 * message's size alone may take, the provider turns
 * suspect, and while it is, attempts
 * that have not handed their message over are cancelled so that their messages go elsewhere, and
 * (when {@code abandonHandedOver}: {@code on_ambiguous: failover}) attempts that have are
 * abandoned, so that their messages go elsewhere too, as possible duplicates, instead of waiting
 * for the adapter's request timeout.
 * Attempts in flight when it turned suspect are judged: once the provider is trusted again they
 * cannot make it suspect a second time, only newer ones can.
 */
final class InFlight {
    /**
     * One attempt: its context (phase, cancellation), when it started on Postern's clock, and the
     * time its message's size alone may take on the way ({@link dev.postern.provider.UploadTime}).
     */
    static final class Entry {
        private final AttemptContext context;
        private final Instant start;
        private final Duration allowance;
        private volatile boolean judged;

        private Entry(AttemptContext context, Instant start, Duration allowance) {
            this.context = context;
            this.start = start;
            this.allowance = allowance;
        }

        /** How long past its allowance the attempt has been in flight at {@code now}. */
        private Duration overdue(Instant now) {
            return Duration.between(start.plus(allowance), now);
        }
    }

    /** What {@link #check} found when the provider turned suspect. */
    record Suspicion(Duration oldest, int inFlight, int cancelled, int abandoned) {}

    private final Duration suspectAfter;
    private final AdaptiveSuspicion adaptive;
    private final LatencyWindow answers = new LatencyWindow(AdaptiveSuspicion.SAMPLES, AdaptiveSuspicion.MIN_SAMPLES);
    private final boolean abandonHandedOver;
    private final Clock clock;
    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();
    private boolean suspect;

    InFlight(Duration suspectAfter, AdaptiveSuspicion adaptive, boolean abandonHandedOver, Clock clock) {
        this.suspectAfter = suspectAfter;
        this.adaptive = adaptive;
        this.abandonHandedOver = abandonHandedOver;
        this.clock = clock;
    }

    /** Starts watching an attempt whose message may take {@code allowance} to send for its size. */
    Entry start(AttemptContext context, Duration allowance) {
        Entry entry = new Entry(context, clock.instant(), allowance);
        entries.add(entry);
        return entry;
    }

    void end(Entry entry) {
        entries.remove(entry);
    }

    /** True while any attempt is in flight. */
    boolean busy() {
        return !entries.isEmpty();
    }

    synchronized boolean suspect() {
        return suspect;
    }

    /**
     * Turns the provider suspect if an unjudged attempt is overdue, and cancels, while it is
     * suspect, every attempt that has not handed its message over (and abandons, when told to,
     * every one that has). Returns what it found when the provider turned suspect just now, else
     * empty.
     */
    Optional<Suspicion> check() {
        if (suspectAfter.isZero()) {
            return Optional.empty();
        }
        Duration oldest = null;
        List<Entry> current;
        synchronized (this) {
            current = List.copyOf(entries);
            if (!suspect) {
                Instant now = clock.instant();
                Optional<Entry> first =
                        current.stream().filter(e -> !e.judged).max(Comparator.comparing(e -> e.overdue(now)));
                if (first.isEmpty() || first.get().overdue(now).compareTo(threshold()) < 0) {
                    return Optional.empty();
                }
                suspect = true;
                oldest = Duration.between(first.get().start, now);
                current.forEach(e -> e.judged = true);
            }
        }
        // Cancelling runs the adapters' hooks (closing sockets): outside this lock.
        int cancelled = 0;
        int abandoned = 0;
        for (Entry e : current) {
            if (e.context.cancel()) {
                cancelled++;
            } else if (abandonHandedOver && e.context.abandon()) {
                abandoned++;
            }
        }
        return oldest == null
                ? Optional.empty()
                : Optional.of(new Suspicion(oldest, current.size(), cancelled, abandoned));
    }

    /** The provider answered, or a probe passed: no longer suspect. Returns whether it was. */
    synchronized boolean trust() {
        boolean was = suspect;
        suspect = false;
        return was;
    }

    /** The provider answered after {@code latency}: adaptive suspicion measures it against its answers. */
    void answered(Duration latency) {
        if (adaptive.on()) {
            answers.add(latency);
        }
    }

    /**
     * How long an attempt may be in flight (beyond its size's allowance) before the provider is
     * suspect: {@code suspect_after}, or less once adaptive suspicion has seen enough answers; zero
     * when off.
     */
    Duration threshold() {
        if (!adaptive.on() || suspectAfter.isZero()) {
            return suspectAfter;
        }
        return answers.p99().map(p99 -> adaptive.threshold(p99, suspectAfter)).orElse(suspectAfter);
    }
}

package dev.postern.internal;

import dev.postern.provider.AttemptContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts in flight to one provider and whether their age makes it suspect (docs/routing.md). A
 * watchdog calls {@link #check} a few times a second: when the oldest attempt not yet judged has
 * been in flight for {@code suspectAfter}, the provider turns suspect, and while it is, attempts
 * that have not handed their message over are cancelled so that their messages go elsewhere.
 * Attempts in flight when it turned suspect are judged: once the provider is trusted again they
 * cannot make it suspect a second time, only newer ones can.
 */
final class InFlight {
    /** One attempt: its context (phase, cancellation) and when it started, on Postern's clock. */
    static final class Entry {
        private final AttemptContext context;
        private final Instant start;
        private volatile boolean judged;

        private Entry(AttemptContext context, Instant start) {
            this.context = context;
            this.start = start;
        }
    }

    /** What {@link #check} found when the provider turned suspect. */
    record Suspicion(Duration oldest, int inFlight, int cancelled) {}

    private final Duration suspectAfter;
    private final Clock clock;
    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();
    private boolean suspect;

    InFlight(Duration suspectAfter, Clock clock) {
        this.suspectAfter = suspectAfter;
        this.clock = clock;
    }

    Entry start(AttemptContext context) {
        Entry entry = new Entry(context, clock.instant());
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
     * suspect, every attempt that has not handed its message over. Returns what it found when the
     * provider turned suspect just now, else empty.
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
                Optional<Entry> first = current.stream().filter(e -> !e.judged).min(Comparator.comparing(e -> e.start));
                if (first.isEmpty() || Duration.between(first.get().start, now).compareTo(suspectAfter) < 0) {
                    return Optional.empty();
                }
                suspect = true;
                oldest = Duration.between(first.get().start, now);
                current.forEach(e -> e.judged = true);
            }
        }
        // Cancelling runs the adapters' hooks (closing sockets): outside this lock.
        int cancelled = (int) current.stream().filter(e -> e.context.cancel()).count();
        return oldest == null ? Optional.empty() : Optional.of(new Suspicion(oldest, current.size(), cancelled));
    }

    /** The provider answered, or a probe passed: no longer suspect. Returns whether it was. */
    synchronized boolean trust() {
        boolean was = suspect;
        suspect = false;
        return was;
    }

    /** How long an attempt may be in flight before the provider is suspect; zero when off. */
    Duration suspectAfter() {
        return suspectAfter;
    }
}

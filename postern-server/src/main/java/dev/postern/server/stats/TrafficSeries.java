package dev.postern.server.stats;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attempts per provider per second, by outcome, over the last {@link #WINDOW}: the traffic the
 * dashboard charts and a drill reports before, during and after. A listener of {@link
 * PosternEvent.Attempted} like {@link ProviderStats}, counting each attempt in the second it ended;
 * the window's end comes from the injected clock, so tests step it.
 */
public final class TrafficSeries implements EventListener {
    /** How far back the series reaches. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private static final int SLOTS = (int) WINDOW.toSeconds();

    private final Clock clock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public TrafficSeries(Clock clock) {
        this.clock = clock;
    }

    /** Counts each attempt in the second it ended; other events are not its business. */
    @Override
    public void on(PosternEvent event) {
        if (event instanceof PosternEvent.Attempted a) {
            ring(a.name()).add(a.at().getEpochSecond(), a.outcome().wireName());
        }
    }

    /** Counts one attempt of {@code provider} with outcome {@code outcome} (a wire name) now. */
    public void record(String provider, String outcome) {
        ring(provider).add(clock.instant().getEpochSecond(), outcome);
    }

    /**
     * Every whole second from {@code from} up to and including {@code to}, oldest first, clipped to
     * the window; seconds without attempts are present with empty counts, so a chart's time axis
     * has no holes.
     */
    public List<Second> between(Instant from, Instant to) {
        long now = clock.instant().getEpochSecond();
        long first = Math.max(from.getEpochSecond(), now - SLOTS + 1);
        long last = Math.min(to.getEpochSecond(), now);
        List<Second> seconds = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            Map<String, Map<String, Integer>> byProvider = new LinkedHashMap<>();
            for (Map.Entry<String, Ring> ring : rings.entrySet()) {
                Map<String, Integer> counts = ring.getValue().at(s);
                if (!counts.isEmpty()) {
                    byProvider.put(ring.getKey(), counts);
                }
            }
            seconds.add(new Second(Instant.ofEpochSecond(s), byProvider));
        }
        return seconds;
    }

    /** The last {@code span} up to now. */
    public List<Second> last(Duration span) {
        Instant now = clock.instant();
        return between(now.minus(span).plusSeconds(1), now);
    }

    /**
     * One second of traffic.
     *
     * @param byProvider provider name → outcome wire name → attempts; providers without attempts
     *     in this second are absent
     */
    public record Second(Instant at, Map<String, Map<String, Integer>> byProvider) {
        /** Attempts of {@code provider} with {@code outcome} in this second. */
        public int count(String provider, String outcome) {
            return byProvider.getOrDefault(provider, Map.of()).getOrDefault(outcome, 0);
        }

        /** All attempts of {@code provider} in this second. */
        public int total(String provider) {
            return byProvider.getOrDefault(provider, Map.of()).values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
        }
    }

    private Ring ring(String provider) {
        return rings.computeIfAbsent(provider, p -> new Ring());
    }

    /** One slot per second of the window; a slot is reused once its second has left the window. */
    private static final class Ring {
        private final long[] epochSeconds = new long[SLOTS];
        private final List<Map<String, Integer>> counts = new ArrayList<>(SLOTS);

        Ring() {
            for (int i = 0; i < SLOTS; i++) {
                epochSeconds[i] = Long.MIN_VALUE;
                counts.add(new LinkedHashMap<>());
            }
        }

        synchronized void add(long second, String outcome) {
            int slot = slot(second);
            if (epochSeconds[slot] != second) {
                epochSeconds[slot] = second;
                counts.get(slot).clear();
            }
            counts.get(slot).merge(outcome, 1, Integer::sum);
        }

        synchronized Map<String, Integer> at(long second) {
            int slot = slot(second);
            return epochSeconds[slot] == second ? Map.copyOf(counts.get(slot)) : Map.of();
        }

        private static int slot(long second) {
            return (int) Math.floorMod(second, (long) SLOTS);
        }
    }
}

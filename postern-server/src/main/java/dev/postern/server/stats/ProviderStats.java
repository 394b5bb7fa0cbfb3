package dev.postern.server.stats;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent attempts per provider, for {@code GET /v1/providers}'s {@code stats}: counts by outcome
 * and latency percentiles over each provider's last {@value #WINDOW} attempts. A listener of
 * {@link PosternEvent.Attempted}, so it sees exactly what routing saw, after the fact.
 */
public final class ProviderStats implements EventListener {
    /** Attempts remembered per provider. */
    public static final int WINDOW = 1000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Records each attempt under its provider; other events are not its business. */
    @Override
    public void on(PosternEvent event) {
        if (event instanceof PosternEvent.Attempted a) {
            windows.computeIfAbsent(a.name(), n -> new Window())
                    .record(a.outcome().wireName(), a.latency().toMillis());
        }
    }

    /** The recent attempts of {@code name}. */
    public Snapshot snapshot(String name) {
        Window window = windows.get(name);
        return window == null ? new Snapshot(0, Map.of(), 0, 0, 0) : window.snapshot();
    }

    /**
     * @param outcomes attempts by outcome wire name ({@code accepted}, {@code unavailable}, …)
     */
    public record Snapshot(int attempts, Map<String, Integer> outcomes, long p50Ms, long p95Ms, long p99Ms) {}

    private static final class Window {
        private final String[] outcomes = new String[WINDOW];
        private final long[] latencies = new long[WINDOW];
        private int next;
        private int size;

        synchronized void record(String outcome, long latencyMs) {
            outcomes[next] = outcome;
            latencies[next] = latencyMs;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        synchronized Snapshot snapshot() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                counts.merge(outcomes[i], 1, Integer::sum);
            }
            long[] sorted = Arrays.copyOf(latencies, size);
            Arrays.sort(sorted);
            return new Snapshot(size, counts, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99));
        }

        private static long percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, rank)];
        }
    }
}

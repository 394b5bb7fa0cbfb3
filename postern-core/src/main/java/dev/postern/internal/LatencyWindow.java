package dev.postern.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The latencies of a provider's last {@code capacity} answers, and their p99: what adaptive
 * suspicion measures a provider against. Bounded; thread-safe.
 */
final class LatencyWindow {
    private final long[] nanos;
    private final int minSamples;
    private int next;
    private int size;

    LatencyWindow(int capacity, int minSamples) {
        this.nanos = new long[capacity];
        this.minSamples = minSamples;
    }

    synchronized void add(Duration latency) {
        nanos[next] = latency.toNanos();
        next = (next + 1) % nanos.length;
        size = Math.min(size + 1, nanos.length);
    }

    /** The p99 of the remembered answers; empty until {@code minSamples} were seen. */
    synchronized Optional<Duration> p99() {
        if (size < minSamples) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(0.99 * size) - 1;
        return Optional.of(Duration.ofNanos(sorted[Math.max(0, index)]));
    }
}

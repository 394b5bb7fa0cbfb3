package dev.postern.bench.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One message of a failover run, as the client saw it: when it was submitted, how long until a
 * provider took it, which one, and the attempts made to the primary that waited out the timeout.
 */
record Delivery(
        Instant submitted,
        Duration latency,
        String provider,
        boolean delivered,
        String firstProvider,
        int timeoutsPaid) {

    Delivery {
        provider = provider == null ? "" : provider;
        firstProvider = firstProvider == null ? "" : firstProvider;
    }

    /** Seconds from {@code origin} to submission. */
    double at(Instant origin) {
        return Duration.between(origin, submitted).toNanos() / 1e9;
    }

    static long count(List<Delivery> all, java.util.function.Predicate<Delivery> p) {
        return all.stream().filter(p).count();
    }
}

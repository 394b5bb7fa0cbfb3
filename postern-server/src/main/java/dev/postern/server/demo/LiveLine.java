package dev.postern.server.demo;

import dev.postern.ProviderStatus;
import dev.postern.server.Gateway;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The demo's line per second: deliveries per provider and its breaker, failovers, the queue. */
final class LiveLine {
    private final Gateway gateway;
    private final DemoProviders providers;
    private final AtomicInteger failovers;
    private final PrintWriter out;
    private final Instant start = Instant.now();
    private Instant next = start.plusSeconds(1);
    private Map<String, Integer> last;

    LiveLine(Gateway gateway, DemoProviders providers, AtomicInteger failovers, PrintWriter out) {
        this.gateway = gateway;
        this.providers = providers;
        this.failovers = failovers;
        this.out = out;
        this.last = providers.deliveredByProvider();
    }

    /** Waits for the next whole second, then prints what happened during it. */
    void tick(Set<String> accepted) {
        pauseUntil(next);
        next = next.plusSeconds(1);
        Map<String, Integer> now = providers.deliveredByProvider();
        Map<String, ProviderStatus> status =
                gateway.postern().providers().stream().collect(Collectors.toMap(ProviderStatus::name, p -> p));
        StringBuilder line = new StringBuilder(String.format(
                "[%3ds]", Math.round(Duration.between(start, Instant.now()).toMillis() / 1000.0)));
        now.forEach((name, count) -> {
            ProviderStatus p = status.get(name);
            String breaker = p == null ? "?" : p.breaker().wireName();
            line.append(
                    String.format("  %s %3d/s %-11s", name, count - last.getOrDefault(name, 0), "(" + breaker + ")"));
        });
        Set<String> delivered = providers.deliveredIds();
        long queued = accepted.stream().filter(id -> !delivered.contains(id)).count();
        line.append(String.format("| failovers %4d | queue %4d", failovers.get(), queued));
        out.println(line);
        out.flush();
        last = now;
    }

    private static void pauseUntil(Instant when) {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

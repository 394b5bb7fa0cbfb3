package dev.postern.server.demo;

import dev.postern.ProviderStatus;
import dev.postern.server.Gateway;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The demo's line per second: the phase, deliveries per provider and the provider's state as
 * routing sees it, failovers, the queue. It also keeps a {@link PhaseReport} per phase for the summary.
 */
final class LiveLine {
    private final Gateway gateway;
    private final DemoProviders providers;
    private final AtomicInteger failovers;
    private final PrintWriter out;
    private final Instant start = Instant.now();
    private final List<PhaseReport> reports = new ArrayList<>();
    private Instant next = start.plusSeconds(1);
    private Map<String, Integer> last;
    private String tag = "";
    /** The phase the lines belong to; none during the drain. */
    private PhaseReport current;

    LiveLine(Gateway gateway, DemoProviders providers, AtomicInteger failovers, PrintWriter out) {
        this.gateway = gateway;
        this.providers = providers;
        this.failovers = failovers;
        this.out = out;
        this.last = providers.deliveredByProvider();
    }

    /** From now on the lines belong to {@code phase}. */
    void startPhase(DemoPhase phase) {
        tag = phase.tag();
        current = new PhaseReport(phase, providers.deliveredByProvider());
        reports.add(current);
    }

    /** From now on the lines are tagged {@code tag} and belong to no phase (the drain after the story). */
    void afterPhases(String tag) {
        this.tag = tag;
        current = null;
    }

    List<PhaseReport> reports() {
        return List.copyOf(reports);
    }

    /** Waits for the next whole second, then prints what happened during it. */
    void tick(Set<String> accepted) {
        pauseUntil(next);
        next = next.plusSeconds(1);
        Map<String, Integer> now = providers.deliveredByProvider();
        Map<String, ProviderStatus> status =
                gateway.postern().providers().stream().collect(Collectors.toMap(ProviderStatus::name, p -> p));
        Map<String, Integer> perSecond = new LinkedHashMap<>();
        now.forEach((name, count) -> perSecond.put(name, count - last.getOrDefault(name, 0)));
        Set<String> delivered = providers.deliveredIds();
        long queued = accepted.stream().filter(id -> !delivered.contains(id)).count();
        long seconds = Math.round(Duration.between(start, Instant.now()).toMillis() / 1000.0);
        out.println(render(seconds, tag, perSecond, status, failovers.get(), queued));
        out.flush();
        if (current != null) {
            current.record(now, state(status.get(DemoProviders.PRIMARY)));
        }
        last = now;
    }

    /** {@code [  7s] 3/4 sendgrid answers 503 |  sendgrid   0/s unhealthy  resend  20/s healthy …}. */
    static String render(
            long seconds,
            String tag,
            Map<String, Integer> perSecond,
            Map<String, ProviderStatus> status,
            int failovers,
            long queued) {
        StringBuilder line = new StringBuilder(String.format("[%3ds] %-" + DemoPhase.TAG_WIDTH + "s |", seconds, tag));
        perSecond.forEach(
                (name, count) -> line.append(String.format("  %s %3d/s %-12s", name, count, state(status.get(name)))));
        line.append(String.format("| failovers %4d | queue %4d", failovers, queued));
        return line.toString();
    }

    /**
     * The provider's state in words, as routing models it (docs/routing.md): whether it gets mail,
     * and if not, why. A closed breaker says little (a hung or unhealthy provider may have one), so
     * the breaker shows only where routing's state is its doing.
     */
    static String state(ProviderStatus p) {
        if (p == null) {
            return "?";
        }
        return switch (p.state()) {
            case AVAILABLE ->
                switch (p.breaker()) {
                    case HALF_OPEN -> "half-open";
                    case CLOSED, OPEN, FORCED_OPEN -> "healthy";
                };
            case SUSPECT -> "suspect";
            case UNHEALTHY -> "unhealthy";
            case OPEN -> "breaker open";
            case COOLING -> "cooling";
            case DRAINED -> "drained";
            case DRILL -> "drill";
        };
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

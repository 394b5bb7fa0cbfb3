package dev.postern.server.drill;

import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxCounts;
import dev.postern.outbox.store.MessageStatus;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.drill.DrillReport.AlertOutcome;
import dev.postern.server.drill.DrillReport.ProviderTraffic;
import dev.postern.server.stats.TrafficSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns what a drill saw into its {@link DrillReport} and verdict. */
final class ReportMaker {
    private final DrillConfig config;
    private final Outbox outbox;
    private final List<String> sinks;

    ReportMaker(DrillConfig config, Outbox outbox, List<String> sinks) {
        this.config = config;
        this.outbox = outbox;
        this.sinks = sinks;
    }

    /**
     * The report of {@code run}, restored at {@code restored}; with {@code abortReason}, the drill
     * was aborted and that reason comes first.
     */
    DrillReport make(
            DrillRun run,
            DrillEvidence evidence,
            DrillState.Restored restored,
            Optional<String> abortReason,
            Observed seen,
            List<AlertOutcome> alerts) {
        OutboxCounts during = minus(restored.counts(), run.atStart());
        List<TrafficSeries.Second> traffic = seen.traffic();
        List<String> probeIds = evidence.probeIds();
        int probesDelivered = (int) probeIds.stream()
                .map(outbox::find)
                .flatMap(Optional::stream)
                .filter(m -> m.status() == MessageStatus.DELIVERED)
                .count();
        Optional<Duration> backup = seen.firstElsewhere().map(at -> Duration.between(run.startedAt(), at));
        Optional<Duration> back = seen.firstBack().map(at -> Duration.between(restored.at(), at));

        List<String> reasons = new ArrayList<>();
        boolean passed = true;
        if (abortReason.isPresent()) {
            passed = false;
            reasons.add(abortReason.get() + " after " + seconds(Duration.between(run.startedAt(), restored.at())));
        }
        if (seen.failed() > 0) {
            passed = false;
            reasons.add(seen.failed() + " messages failed while " + run.provider() + " was out");
        } else {
            reasons.add("no message failed (" + seen.delivered() + " delivered, " + during.deferred()
                    + " rounds deferred)");
        }
        passed &= alertsReached(alerts, reasons);
        if (back.isPresent()) {
            reasons.add(run.provider() + " took traffic back " + seconds(back.get()) + " after the drill");
        } else {
            passed = false;
            reasons.add(run.provider() + " took no traffic back within " + seconds(config.recovery())
                    + " after the drill"
                    + (anyTrafficAfter(restored, traffic)
                            ? ""
                            : ": no message was sent after the drill; "
                                    + "run the drill under live traffic or with probes"));
        }
        return new DrillReport(
                perProvider(run, restored, traffic),
                traffic,
                seen.delivered(),
                seen.failed(),
                during.deferred(),
                seen.maxLatency(),
                seen.p99Latency(),
                (int) Math.min(Integer.MAX_VALUE, seen.latencySamples()),
                probeIds.size(),
                probesDelivered,
                alerts,
                backup,
                back,
                passed,
                reasons);
    }

    private boolean alertsReached(List<AlertOutcome> alerts, List<String> reasons) {
        boolean ok = true;
        for (AlertOutcome a : alerts) {
            if (a.state() != AlertOutcome.State.DELIVERED) {
                ok = false;
                String how = a.state() == AlertOutcome.State.GAVE_UP ? "given up after " : "still failing after ";
                reasons.add("alert " + a.event() + " did not reach sink " + a.sink() + " (" + how + a.attempts()
                        + " attempts: " + a.error().orElse("") + ")");
            }
        }
        Set<String> heard = alerts.stream().map(AlertOutcome::sink).collect(Collectors.toSet());
        for (String sink : sinks) {
            if (!heard.contains(sink)) {
                ok = false;
                reasons.add("sink " + sink + " answered no alert during the drill");
            }
        }
        if (ok) {
            Set<String> events =
                    alerts.stream().map(AlertOutcome::event).collect(Collectors.toCollection(LinkedHashSet::new));
            reasons.add(
                    sinks.isEmpty()
                            ? "no alert sink is configured: nobody is told of a failover"
                            : "every alert (" + String.join(", ", events) + ") reached every sink ("
                                    + String.join(", ", sinks) + ")");
        }
        return ok;
    }

    private static Map<String, ProviderTraffic> perProvider(
            DrillRun run, DrillState.Restored restored, List<TrafficSeries.Second> traffic) {
        long start = run.startedAt().getEpochSecond();
        long restore = restored.at().getEpochSecond();
        Map<String, List<Map<String, Integer>>> phases = new LinkedHashMap<>();
        for (TrafficSeries.Second second : traffic) {
            long s = second.at().getEpochSecond();
            int phase = s < start ? 0 : s < restore ? 1 : 2;
            second.byProvider().forEach((provider, outcomes) -> {
                List<Map<String, Integer>> p = phases.computeIfAbsent(
                        provider, k -> List.of(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>()));
                outcomes.forEach((outcome, n) -> p.get(phase).merge(outcome, n, Integer::sum));
            });
        }
        Map<String, ProviderTraffic> result = new LinkedHashMap<>();
        phases.forEach((provider, p) -> result.put(provider, new ProviderTraffic(p.get(0), p.get(1), p.get(2))));
        return result;
    }

    private static boolean anyTrafficAfter(DrillState.Restored restored, List<TrafficSeries.Second> traffic) {
        long restore = restored.at().getEpochSecond();
        return traffic.stream()
                .anyMatch(s ->
                        s.at().getEpochSecond() >= restore && !s.byProvider().isEmpty());
    }

    static OutboxCounts minus(OutboxCounts a, OutboxCounts b) {
        return new OutboxCounts(
                a.accepted() - b.accepted(),
                a.delivered() - b.delivered(),
                a.deferred() - b.deferred(),
                a.failed() - b.failed());
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

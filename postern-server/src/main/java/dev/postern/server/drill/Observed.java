package dev.postern.server.drill;

import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxCounts;
import dev.postern.outbox.store.Cluster;
import dev.postern.outbox.store.MessageView;
import dev.postern.server.stats.TrafficSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the attempts showed for a drill's report: of this process alone ({@link #local}), or of every
 * instance on a shared store ({@link #shared}, from the attempt rows).
 *
 * @param traffic every second from {@link Drills#LOOKBACK} before the start to the verdict
 * @param firstElsewhere when another provider first accepted a message while the drilled one was out
 * @param firstBack when the drilled provider first accepted a message after the restore
 * @param delivered messages delivered while the provider was out
 * @param failed messages failed for good while the provider was out
 * @param latencySamples how many delivered messages the latencies come from
 */
record Observed(
        List<TrafficSeries.Second> traffic,
        Optional<Instant> firstElsewhere,
        Optional<Instant> firstBack,
        long delivered,
        long failed,
        Optional<Duration> maxLatency,
        Optional<Duration> p99Latency,
        long latencySamples) {

    /** This process's view: its traffic series, its recorder and its outbox's counts. */
    static Observed local(
            DrillRun run,
            DrillEvidence evidence,
            DrillState.Restored restored,
            DrillRecorder.Seen seen,
            Outbox outbox) {
        OutboxCounts during = ReportMaker.minus(restored.counts(), run.atStart());
        List<Duration> latencies = new ArrayList<>();
        for (String id : seen.deliveredDuring()) {
            outbox.find(id).flatMap(Observed::latency).ifPresent(latencies::add);
        }
        latencies.sort(null);
        return new Observed(
                evidence.traffic(),
                seen.firstElsewhere(),
                seen.firstBack(),
                during.delivered(),
                during.failed(),
                latencies.isEmpty() ? Optional.empty() : Optional.of(latencies.getLast()),
                latencies.isEmpty()
                        ? Optional.empty()
                        : Optional.of(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)),
                latencies.size());
    }

    /**
     * Every instance's view, from the attempt rows up to {@code now}. The failed count is at least
     * {@code local}'s: a message that fails for its age has no attempt to find it by.
     *
     * @throws dev.postern.outbox.store.StoreException when the store cannot be read
     */
    static Observed shared(Cluster cluster, DrillRun run, DrillState.Restored restored, Instant now, Observed local) {
        Instant end = now.plusMillis(1); // the attempts that ended at this very moment count too
        Cluster.Deliveries during = cluster.deliveries(run.startedAt(), restored.at());
        return new Observed(
                SharedDrills.traffic(cluster, run.startedAt().minus(Drills.LOOKBACK), end),
                cluster.firstAccepted(run.provider(), false, run.startedAt(), restored.at()),
                cluster.firstAccepted(run.provider(), true, restored.at(), end),
                during.delivered(),
                Math.max(during.failed(), local.failed()),
                during.maxLatency(),
                during.p99Latency(),
                during.delivered());
    }

    private static Optional<Duration> latency(MessageView m) {
        return m.deliveredAt().map(at -> Duration.between(m.createdAt(), at));
    }
}

package dev.postern.server.drill;

import dev.postern.server.stats.TrafficSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one drill gathers while it runs: the traffic series from {@link Drills#LOOKBACK} before its
 * start (copied out of the {@link TrafficSeries}, which keeps only a short window) and the ids of
 * the probes it queued. Thread-safe: probes and collection run on scheduler threads.
 */
final class DrillEvidence {
    private final TrafficSeries series;
    private final List<TrafficSeries.Second> traffic = new ArrayList<>();
    private final List<String> probeIds = new CopyOnWriteArrayList<>();
    private Instant collectFrom;

    DrillEvidence(TrafficSeries series, Instant startedAt) {
        this.series = series;
        this.collectFrom = startedAt.minus(Drills.LOOKBACK);
    }

    /** Copies the seconds recorded since the last call; {@code last} includes the current second. */
    synchronized void collect(Instant now, boolean last) {
        // the current second may still be counting: leave it for the next round, unless this is the last
        Instant upTo = last ? now : now.minusSeconds(2);
        if (upTo.isBefore(collectFrom)) {
            return;
        }
        List<TrafficSeries.Second> seconds = series.between(collectFrom, upTo);
        traffic.addAll(seconds);
        if (!seconds.isEmpty()) {
            collectFrom = seconds.getLast().at().plusSeconds(1);
        }
    }

    void probeQueued(String messageId) {
        probeIds.add(messageId);
    }

    /** The seconds collected so far, oldest first. */
    synchronized List<TrafficSeries.Second> traffic() {
        return List.copyOf(traffic);
    }

    /** The outbox ids of the probes queued so far. */
    List<String> probeIds() {
        return List.copyOf(probeIds);
    }
}

package dev.postern.server.drill;

import dev.postern.outbox.OutboxCounts;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.time.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The state of the one drill that runs; guarded by its {@link Drills}' lock. */
final class DrillRun {
    final String id;
    final DrillRequest request;
    final String origin;
    final Instant startedAt;
    final OutboxCounts atStart;
    final List<String> probeIds = new CopyOnWriteArrayList<>();
    final List<Scheduler.Cancellable> tasks = new ArrayList<>();
    final List<TrafficSeries.Second> traffic = new ArrayList<>();
    Instant collectFrom;
    Instant restoredAt;
    OutboxCounts atRestore;
    String abortReason;

    DrillRun(String id, DrillRequest request, String origin, Instant startedAt, OutboxCounts atStart) {
        this.id = id;
        this.request = request;
        this.origin = origin;
        this.startedAt = startedAt;
        this.atStart = atStart;
        this.collectFrom = startedAt.minus(Drills.LOOKBACK);
    }

    String provider() {
        return request.provider();
    }

    void cancelTasks() {
        tasks.forEach(Scheduler.Cancellable::cancel);
        tasks.clear();
    }
}

package dev.postern.server.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.store.Cluster;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.config.DrillSchedule;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.time.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Failover drills: the feature's door. {@link #start} takes one provider out of rotation (its
 * breaker forced open, state {@code drill}) while live traffic, and optionally probe messages to
 * {@code drills.probe_to}, flow through the others; when the duration is over (or at once on
 * {@link #abort}) it puts the provider back, waits for it to take traffic back, and reaches a
 * verdict with a {@link DrillReport}, saved as Markdown and HTML in the drills folder.
 *
 * <p>One drill at a time, and never one that would take out the last available provider. Three
 * parts do the work: the {@link DrillLifecycle} (the one drill's state machine), the {@link
 * DrillArchive} (the drills that reached their verdict, and their saved reports) and, with {@code
 * drills.schedule}, the {@link ScheduledDrills} that ask the lifecycle to start a drill. All waiting
 * goes through the injected {@link Clock} and {@link Scheduler}, so tests move time.
 *
 * <p>On a shared store the drill is the cluster's ({@link SharedDrills}): one drill at a time across
 * the instances, the provider held out on every one ({@link DrillFollower}), a scheduled time run by
 * one instance, and the report counting the attempts of all. The instance that started a drill runs
 * its timers, probes and verdict, and lists it. Thread-safe.
 */
public final class Drills implements AutoCloseable {
    /** How far back before the start the report's traffic reaches. */
    public static final Duration LOOKBACK = Duration.ofMinutes(1);

    private final DrillConfig config;
    private final DrillLifecycle lifecycle;
    private final DrillArchive archive;
    private final Optional<ScheduledDrills> schedule;
    private final Optional<DrillFollower> follower;

    private Drills(
            DrillConfig config,
            DrillLifecycle lifecycle,
            DrillArchive archive,
            Optional<ScheduledDrills> schedule,
            Optional<DrillFollower> follower) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.archive = archive;
        this.schedule = schedule;
        this.follower = follower;
    }

    /**
     * What drills run on.
     *
     * @param folder where reports are saved (created when needed)
     * @param recorder the recorder whose observers watch every provider
     * @param alerts the ledger that hears the alert sinks' deliveries
     * @param clock read in its zone for {@code drills.schedule}
     * @param cluster the shared store's cluster, which makes drills cluster-wide; empty alone (SQLite)
     * @param instance this instance's id in the cluster
     */
    public record Parts(
            DrillConfig config,
            Path folder,
            Postern postern,
            Outbox outbox,
            TrafficSeries traffic,
            DrillRecorder recorder,
            AlertLedger alerts,
            Clock clock,
            Scheduler scheduler,
            RandomGenerator random,
            Optional<Cluster> cluster,
            String instance) {}

    /** Ready for drills; with {@code drills.schedule}, the first scheduled drill is already planned. */
    public static Drills open(Parts parts) {
        DrillArchive archive = new DrillArchive(parts.folder());
        SharedDrills shared = new SharedDrills(parts.cluster(), parts.instance());
        DrillLifecycle lifecycle = new DrillLifecycle(parts, archive, shared);
        Optional<DrillFollower> follower = parts.cluster()
                .map(c -> DrillFollower.start(c, parts.postern(), parts.instance(), parts.clock(), parts.scheduler()));
        Optional<ScheduledDrills> schedule = parts.config()
                .schedule()
                .map(cron -> ScheduledDrills.plan(DrillSchedule.parse(cron), lifecycle, parts, shared));
        return new Drills(parts.config(), lifecycle, archive, schedule, follower);
    }

    /** How long a drill lasts when the request names no duration ({@code drills.duration}). */
    public Duration defaultDuration() {
        return config.duration();
    }

    /** Starts a drill now, or says why not. */
    public DrillStart start(DrillRequest request) {
        return lifecycle.start(request, "api");
    }

    /** The drill {@code id}, running or among the last ones finished in this process. */
    public Optional<Drill> find(String id) {
        // the lifecycle first: a drill leaves it only once the archive holds it
        Optional<Drill> current = lifecycle.current().filter(d -> d.id().equals(id));
        return current.isPresent() ? current : archive.find(id);
    }

    /**
     * The API's JSON of drill {@code id} ({@link DrillJson}): of this process, or saved in the drills
     * folder by an earlier one.
     */
    public Optional<JsonNode> json(String id) {
        Optional<Drill> current = lifecycle.current().filter(d -> d.id().equals(id));
        return current.isPresent() ? current.map(DrillJson::of) : archive.json(id);
    }

    /** The drills of this process, newest first. */
    public List<Drill> recent() {
        Optional<Drill> current = lifecycle.current();
        List<Drill> all = new ArrayList<>(archive.recent());
        // the current drill may have reached the archive since: then it is listed once, finished
        current.filter(d -> all.stream().noneMatch(f -> f.id().equals(d.id()))).ifPresent(all::add);
        return all.reversed();
    }

    /**
     * Stops drill {@code id} now: the provider is back in rotation before this returns, and the
     * drill ends {@code aborted}. Empty when no drill {@code id} is out of rotation.
     */
    public Optional<Drill> abort(String id) {
        return lifecycle.abort(id, "aborted by an operator");
    }

    /** The scheduled runs that were skipped, newest last (a provider already unhealthy, a drill running). */
    public List<String> skipped() {
        return schedule.map(ScheduledDrills::skipped).orElse(List.of());
    }

    /**
     * Stops the schedule, aborts a running drill and stops following the cluster's, so no provider
     * stays out of rotation.
     */
    @Override
    public void close() {
        schedule.ifPresent(ScheduledDrills::cancel);
        lifecycle.close();
        follower.ifPresent(DrillFollower::close);
    }
}

package dev.postern.server.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.store.Submitter;
import dev.postern.routing.ProviderState;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.config.DrillSchedule;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.time.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover drills: the feature's door. {@link #start} takes one provider out of rotation (its
 * breaker forced open, state {@code drill}) while live traffic, and optionally probe messages to
 * {@code drills.probe_to}, flow through the others; when the duration is over (or at once on
 * {@link #abort}) it puts the provider back, waits for it to take traffic back, and reaches a
 * verdict with a {@link DrillReport}, saved as Markdown and HTML in the drills folder.
 *
 * <p>One drill at a time, and never one that would take out the last available provider. All
 * waiting goes through the injected {@link Clock} and {@link Scheduler}, so tests move time. The
 * drill state lives in this process: on a shared store each gateway runs its own drills.
 * Thread-safe.
 */
public final class Drills implements AutoCloseable {
    /** How far back before the start the report's traffic reaches. */
    public static final Duration LOOKBACK = Duration.ofMinutes(1);

    /** The shortest stretch of traffic the report shows after the restore (unless recovery is shorter). */
    static final Duration OBSERVE_AFTER = Duration.ofSeconds(10);

    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    static final Duration COLLECT_EVERY = Duration.ofMinutes(1);
    private static final int HISTORY = 50;
    /** Probes are the operator's mail: only admin keys read them through the API. */
    private static final Submitter PROBES = new Submitter("drill");

    private static final Logger LOG = LoggerFactory.getLogger(Drills.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DrillConfig config;
    private final Path folder;
    private final Postern postern;
    private final Outbox outbox;
    private final TrafficSeries traffic;
    private final DrillRecorder recorder;
    private final AlertLedger alerts;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Map<String, Drill> history = new LinkedHashMap<>();
    private DrillRun running;
    private ScheduledDrills schedule;
    private boolean closed;

    private Drills(Parts parts) {
        this.config = parts.config();
        this.folder = parts.folder();
        this.postern = parts.postern();
        this.outbox = parts.outbox();
        this.traffic = parts.traffic();
        this.recorder = parts.recorder();
        this.alerts = parts.alerts();
        this.clock = parts.clock();
        this.scheduler = parts.scheduler();
        this.random = parts.random();
    }

    /**
     * What drills run on.
     *
     * @param folder where reports are saved (created when needed)
     * @param recorder the recorder whose observers watch every provider
     * @param alerts the ledger that hears the alert sinks' deliveries
     * @param clock read in its zone for {@code drills.schedule}
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
            RandomGenerator random) {}

    /** Ready for drills; with {@code drills.schedule}, the first scheduled drill is already planned. */
    public static Drills open(Parts parts) {
        Drills drills = new Drills(parts);
        parts.config().schedule().ifPresent(cron -> {
            drills.schedule = new ScheduledDrills(
                    DrillSchedule.parse(cron),
                    drills,
                    parts.config(),
                    parts.clock(),
                    parts.scheduler(),
                    parts.random());
            drills.schedule.planNext();
        });
        return drills;
    }

    /** How long a drill lasts when the request names no duration ({@code drills.duration}). */
    public Duration defaultDuration() {
        return config.duration();
    }

    /** Starts a drill now, or says why not. */
    public DrillStart start(DrillRequest request) {
        return start(request, "api");
    }

    synchronized DrillStart start(DrillRequest request, String origin) {
        if (closed) {
            return new DrillStart.Conflict("the gateway is shutting down");
        }
        if (running != null) {
            return new DrillStart.Conflict("drill " + running.id + " on " + running.provider() + " is running (since "
                    + running.startedAt + "); one drill at a time");
        }
        List<ProviderStatus> providers = postern.providers();
        Optional<ProviderStatus> target = providers.stream()
                .filter(p -> p.name().equals(request.provider()))
                .findFirst();
        if (target.isEmpty()) {
            return new DrillStart.Invalid(
                    "provider",
                    "no provider named '" + request.provider() + "'; known: "
                            + providers.stream().map(ProviderStatus::name).collect(Collectors.joining(", ")));
        }
        if (target.get().state() != ProviderState.AVAILABLE) {
            return new DrillStart.Conflict(
                    request.provider() + " is " + target.get().state().wireName()
                            + ", not available: a drill takes out a provider that is in rotation");
        }
        List<ProviderStatus> others =
                providers.stream().filter(p -> p != target.get()).toList();
        if (others.stream().noneMatch(p -> p.state() == ProviderState.AVAILABLE)) {
            return new DrillStart.Conflict(request.provider() + " is the last available provider ("
                    + (others.isEmpty()
                            ? "there is no other"
                            : others.stream()
                                    .map(p -> p.name() + " is " + p.state().wireName())
                                    .collect(Collectors.joining(", ")))
                    + "); a drill would leave nothing to send through");
        }
        if (request.probes() > 0 && config.probeTo().isEmpty()) {
            return new DrillStart.Invalid("probes", "probes need drills.probe_to in the configuration");
        }
        Instant now = clock.instant();
        DrillRun run = new DrillRun(newId(now), request, origin, now, outbox.counts());
        alerts.record(now);
        recorder.arm(request.provider());
        postern.beginDrill(request.provider());
        running = run;
        run.tasks.add(scheduler.schedule(request.duration(), () -> restore(run, null)));
        run.tasks.add(scheduler.every(COLLECT_EVERY, () -> collect(run, false)));
        if (request.probes() > 0) {
            Duration interval = request.duration().dividedBy(request.probes());
            for (int i = 0; i < request.probes(); i++) {
                String label = (i + 1) + " of " + request.probes();
                run.tasks.add(scheduler.schedule(
                        interval.multipliedBy(i).plus(interval.dividedBy(2)), () -> probe(run, label)));
            }
        }
        LOG.info(
                "failover drill {} started: {} is out of rotation for {} ({} probes, {})",
                run.id,
                request.provider(),
                request.duration(),
                request.probes(),
                origin);
        postern.publish(new PosternEvent.DrillStarted(now, request.provider(), request.duration()));
        return new DrillStart.Started(view(run));
    }

    /** The drill {@code id}, running or among the last ones finished in this process. */
    public synchronized Optional<Drill> find(String id) {
        if (running != null && running.id.equals(id)) {
            return Optional.of(view(running));
        }
        return Optional.ofNullable(history.get(id));
    }

    /**
     * The API's JSON of drill {@code id} ({@link DrillJson}): of this process, or saved in the drills
     * folder by an earlier one.
     */
    public Optional<JsonNode> json(String id) {
        Optional<Drill> drill = find(id);
        return drill.isPresent() ? drill.map(DrillJson::of) : ReportFiles.load(folder, id);
    }

    /** The drills of this process, newest first. */
    public synchronized List<Drill> recent() {
        List<Drill> all = new ArrayList<>(history.values());
        if (running != null) {
            all.add(view(running));
        }
        return all.reversed();
    }

    /**
     * Stops drill {@code id} now: the provider is back in rotation before this returns, and the
     * drill ends {@code aborted}. Empty when no drill {@code id} is running.
     */
    public synchronized Optional<Drill> abort(String id) {
        if (running == null || !running.id.equals(id)) {
            return Optional.empty();
        }
        DrillRun run = running;
        restore(run, "aborted by an operator");
        return Optional.ofNullable(history.get(run.id));
    }

    /** The scheduled runs that were skipped, newest last (a provider already unhealthy, a drill running). */
    public synchronized List<String> skipped() {
        return schedule == null ? List.of() : schedule.skipped();
    }

    /** Stops the schedule and aborts a running drill, so no provider stays out of rotation. */
    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.cancel();
        }
        if (running != null) {
            restore(running, "aborted: the gateway shut down");
        }
    }

    /** The providers that are not available, as {@code name is state}; empty when all are. */
    synchronized List<String> unwell() {
        return postern.providers().stream()
                .filter(p -> p.state() != ProviderState.AVAILABLE)
                .map(p -> p.name() + " is " + p.state().wireName())
                .toList();
    }

    /** The provider a scheduled drill takes out: {@code drills.provider}, or the first by priority. */
    String scheduledProvider() {
        return config.provider()
                .orElseGet(() -> postern.providers().stream()
                        .min((a, b) -> Integer.compare(a.priority(), b.priority()))
                        .orElseThrow()
                        .name());
    }

    private synchronized void restore(DrillRun run, String abortReason) {
        if (run != running || run.restoredAt != null) {
            return;
        }
        Instant now = clock.instant();
        postern.endDrill(run.provider());
        run.restoredAt = now;
        run.atRestore = outbox.counts();
        recorder.restored(now);
        run.cancelTasks();
        LOG.info("failover drill {}: {} is back in rotation", run.id, run.provider());
        if (abortReason != null) {
            run.abortReason = abortReason;
            finish(run);
            return;
        }
        if (run.request.probes() > 0) {
            // one more probe, so that recovery shows even without live traffic
            run.tasks.add(scheduler.schedule(Duration.ZERO, () -> probe(run, "after the drill")));
        }
        run.tasks.add(scheduler.every(COLLECT_EVERY, () -> collect(run, false)));
        run.tasks.add(scheduler.every(CHECK_EVERY, () -> check(run)));
    }

    private synchronized void check(DrillRun run) {
        if (run != running) {
            return;
        }
        Duration since = Duration.between(run.restoredAt, clock.instant());
        Duration observe = OBSERVE_AFTER.compareTo(config.recovery()) < 0 ? OBSERVE_AFTER : config.recovery();
        boolean returned =
                recorder.seen().flatMap(DrillRecorder.Seen::firstBack).isPresent();
        boolean settled =
                alerts.outcomes().stream().noneMatch(a -> a.state() == DrillReport.AlertOutcome.State.RETRYING);
        if (since.compareTo(config.recovery()) >= 0 || (since.compareTo(observe) >= 0 && returned && settled)) {
            finish(run);
        }
    }

    private synchronized void collect(DrillRun run, boolean last) {
        Instant now = clock.instant();
        // the current second may still be counting: leave it for the next round, unless this is the last
        Instant upTo = last ? now : now.minusSeconds(2);
        if (upTo.isBefore(run.collectFrom)) {
            return;
        }
        List<TrafficSeries.Second> seconds = traffic.between(run.collectFrom, upTo);
        run.traffic.addAll(seconds);
        if (!seconds.isEmpty()) {
            run.collectFrom = seconds.getLast().at().plusSeconds(1);
        }
    }

    private void probe(DrillRun run, String label) {
        String to = config.probeTo().orElseThrow();
        try {
            Email email = Email.builder()
                    .from(to)
                    .to(to)
                    .subject("Postern failover drill " + run.id + ": probe " + label)
                    .text("A probe of Postern's failover drill " + run.id + " on " + run.provider()
                            + ". Nothing to do: it proves that mail still flows.")
                    .build();
            run.probeIds.add(outbox.accept(email, PROBES, "drill-" + run.id + "-probe-" + label.replace(' ', '-'))
                    .id());
        } catch (RuntimeException e) {
            LOG.warn("failover drill {}: probe {} could not be queued: {}", run.id, label, e.toString());
        }
    }

    private synchronized void finish(DrillRun run) {
        run.cancelTasks();
        collect(run, true);
        DrillRecorder.Seen seen = recorder.seen().orElseThrow();
        DrillReport report = new ReportMaker(config, outbox, alerts.sinks()).make(run, seen, alerts.outcomes());
        DrillStatus status = run.abortReason != null
                ? DrillStatus.ABORTED
                : report.passed() ? DrillStatus.PASSED : DrillStatus.FAILED;
        Instant now = clock.instant();
        Drill drill = new Drill(
                run.id,
                run.provider(),
                run.origin,
                status,
                run.request,
                run.startedAt,
                Optional.of(run.restoredAt),
                Optional.of(now),
                Optional.of(report));
        recorder.disarm();
        alerts.stop();
        running = null;
        history.put(drill.id(), drill);
        if (history.size() > HISTORY) {
            history.remove(history.keySet().iterator().next());
        }
        ReportFiles.save(folder, drill);
        LOG.info(
                "failover drill {} on {} {}: {}",
                drill.id(),
                drill.provider(),
                status.wireName(),
                String.join("; ", report.verdictReasons()));
        postern.publish(new PosternEvent.DrillFinished(now, run.provider(), status.wireName()));
    }

    private Drill view(DrillRun run) {
        return new Drill(
                run.id,
                run.provider(),
                run.origin,
                DrillStatus.RUNNING,
                run.request,
                run.startedAt,
                Optional.ofNullable(run.restoredAt),
                Optional.empty(),
                Optional.empty());
    }

    private String newId(Instant now) {
        byte[] bytes = new byte[3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return "drill-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }
}

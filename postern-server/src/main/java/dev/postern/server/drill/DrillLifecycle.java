package dev.postern.server.drill;

import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.Submitter;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.drill.DrillState.Closed;
import dev.postern.server.drill.DrillState.Idle;
import dev.postern.server.drill.DrillState.Out;
import dev.postern.server.drill.DrillState.Recovering;
import dev.postern.server.drill.DrillState.Restored;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one drill of this process, as a state machine over {@link DrillState}: every move is one
 * method here ({@link #start}, the deadline, the recovery check, {@link #abort}, {@link #close}) and
 * goes through {@link #become}. A drill that reaches its verdict goes to the {@link DrillArchive};
 * nothing here knows the schedule. Timers run on the injected {@link Scheduler} and read the
 * injected {@link Clock}. Thread-safe: one lock guards the state.
 */
final class DrillLifecycle {
    /** The shortest stretch of traffic the report shows after the restore (unless recovery is shorter). */
    static final Duration OBSERVE_AFTER = Duration.ofSeconds(10);

    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    static final Duration COLLECT_EVERY = Duration.ofMinutes(1);
    /** Probes are the operator's mail: only admin keys read them through the API. */
    private static final Submitter PROBES = new Submitter("drill");

    private static final Logger LOG = LoggerFactory.getLogger(DrillLifecycle.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Drills.Parts parts;
    private final DrillArchive archive;
    private final SharedDrills shared;
    private DrillState state = new Idle();

    DrillLifecycle(Drills.Parts parts, DrillArchive archive, SharedDrills shared) {
        this.parts = parts;
        this.archive = archive;
        this.shared = shared;
    }

    synchronized DrillState state() {
        return state;
    }

    /** Idle → Out: takes the provider out of rotation now, or says why not. */
    synchronized DrillStart start(DrillRequest request, String origin) {
        switch (state) {
            case Idle idle -> {}
            case Out out -> {
                return oneAtATime(out.run());
            }
            case Recovering recovering -> {
                return oneAtATime(recovering.run());
            }
            case Closed closed -> {
                return new DrillStart.Conflict("the gateway is shutting down");
            }
        }
        // another instance's drill first: its provider is out here too, which the rules would blame
        Optional<DrillStart> elsewhere = shared.running(parts.clock().instant());
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        Optional<DrillStart> refusal =
                DrillRules.refusal(request, parts.postern().providers(), parts.config());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Instant now = parts.clock().instant();
        DrillRun run =
                new DrillRun(newId(now), request, origin, now, parts.outbox().counts());
        // the cluster's one drill: on a shared store every other instance holds the provider out too
        Optional<DrillStart> taken = shared.hold(run);
        if (taken.isPresent()) {
            return taken.get();
        }
        DrillEvidence evidence = new DrillEvidence(parts.traffic(), now);
        parts.alerts().record(now);
        parts.recorder().arm(request.provider());
        parts.postern().beginDrill(request.provider());
        Scheduler scheduler = parts.scheduler();
        List<Scheduler.Cancellable> tasks = new ArrayList<>();
        tasks.add(scheduler.schedule(request.duration(), () -> deadline(run)));
        tasks.add(scheduler.every(
                COLLECT_EVERY, () -> evidence.collect(parts.clock().instant(), false)));
        if (request.probes() > 0) {
            Duration interval = request.duration().dividedBy(request.probes());
            for (int i = 0; i < request.probes(); i++) {
                String label = (i + 1) + " of " + request.probes();
                tasks.add(scheduler.schedule(
                        interval.multipliedBy(i).plus(interval.dividedBy(2)), () -> probe(run, evidence, label)));
            }
        }
        become(new Out(run, evidence, tasks));
        LOG.info(
                "failover drill {} started: {} is out of rotation for {} ({} probes, {})",
                run.id(),
                request.provider(),
                request.duration(),
                request.probes(),
                origin);
        parts.postern().publish(new PosternEvent.DrillStarted(now, request.provider(), request.duration()));
        return new DrillStart.Started(view(run, Optional.empty()));
    }

    /**
     * Out → Idle: restores the provider now and ends drill {@code id} {@code aborted}, with {@code
     * reason} as its first verdict reason. Empty unless drill {@code id} is out; a drill already
     * recovering keeps waiting for its verdict, as its provider is back anyway.
     */
    synchronized Optional<Drill> abort(String id, String reason) {
        if (state instanceof Out out && out.run().id().equals(id)) {
            return Optional.of(finish(out.run(), out.evidence(), restore(out.run()), Optional.of(reason)));
        }
        return Optional.empty();
    }

    /** Any state → Closed: a drill out or recovering ends {@code aborted}, so no provider stays out. */
    synchronized void close() {
        String reason = "aborted: the gateway shut down";
        switch (state) {
            case Out out -> finish(out.run(), out.evidence(), restore(out.run()), Optional.of(reason));
            // its timers die with the gateway: the verdict is ended here rather than never reached
            case Recovering r -> finish(r.run(), r.evidence(), r.restored(), Optional.of(reason));
            case Idle idle -> {}
            case Closed closed -> {}
        }
        become(new Closed());
    }

    /** The drill out or recovering, as the API shows it. */
    synchronized Optional<Drill> current() {
        return switch (state) {
            case Out out -> Optional.of(view(out.run(), Optional.empty()));
            case Recovering r ->
                Optional.of(view(r.run(), Optional.of(r.restored().at())));
            case Idle idle -> Optional.empty();
            case Closed closed -> Optional.empty();
        };
    }

    /** Out → Recovering, at the drill's deadline. */
    private synchronized void deadline(DrillRun run) {
        if (!(state instanceof Out out) || out.run() != run) {
            return; // aborted before its deadline
        }
        Restored restored = restore(run);
        Scheduler scheduler = parts.scheduler();
        List<Scheduler.Cancellable> tasks = new ArrayList<>();
        if (run.request().probes() > 0) {
            // one more probe, so that recovery shows even without live traffic
            tasks.add(scheduler.schedule(Duration.ZERO, () -> probe(run, out.evidence(), "after the drill")));
        }
        tasks.add(scheduler.every(
                COLLECT_EVERY, () -> out.evidence().collect(parts.clock().instant(), false)));
        tasks.add(scheduler.every(CHECK_EVERY, () -> check(run)));
        become(new Recovering(run, out.evidence(), restored, tasks));
    }

    /** Recovering → Idle, once the provider took traffic back and every sink answered, or recovery is over. */
    private synchronized void check(DrillRun run) {
        if (!(state instanceof Recovering r) || r.run() != run) {
            return;
        }
        DrillConfig config = parts.config();
        Instant now = parts.clock().instant();
        Duration since = Duration.between(r.restored().at(), now);
        Duration observe = OBSERVE_AFTER.compareTo(config.recovery()) < 0 ? OBSERVE_AFTER : config.recovery();
        if (since.compareTo(config.recovery()) >= 0) {
            finish(run, r.evidence(), r.restored(), Optional.empty());
            return;
        }
        if (since.compareTo(observe) < 0) {
            return;
        }
        boolean settled =
                parts.alerts().outcomes().stream().noneMatch(a -> a.state() == DrillReport.AlertOutcome.State.RETRYING);
        // taken back here, or (on a shared store) through any instance
        boolean returned =
                parts.recorder().seen().flatMap(DrillRecorder.Seen::firstBack).isPresent()
                        || shared.acceptedAnywhere(run.provider(), r.restored().at(), now.plusMillis(1));
        if (settled && returned) {
            finish(run, r.evidence(), r.restored(), Optional.empty());
        }
    }

    /** Puts the drilled provider back into rotation. */
    private Restored restore(DrillRun run) {
        Instant now = parts.clock().instant();
        parts.postern().endDrill(run.provider());
        shared.release(run);
        Restored restored = new Restored(now, parts.outbox().counts());
        parts.recorder().restored(now);
        LOG.info("failover drill {}: {} is back in rotation", run.id(), run.provider());
        return restored;
    }

    /** → Idle: reaches the verdict, archives the drill and announces it. */
    private Drill finish(DrillRun run, DrillEvidence evidence, Restored restored, Optional<String> abortReason) {
        become(new Idle());
        Instant now = parts.clock().instant();
        evidence.collect(now, true);
        Observed seen = observe(run, evidence, restored, now);
        DrillReport report = new ReportMaker(
                        parts.config(), parts.outbox(), parts.alerts().sinks())
                .make(run, evidence, restored, abortReason, seen, parts.alerts().outcomes());
        DrillStatus status = abortReason.isPresent()
                ? DrillStatus.ABORTED
                : report.passed() ? DrillStatus.PASSED : DrillStatus.FAILED;
        Drill drill = new Drill(
                run.id(),
                run.provider(),
                run.origin(),
                status,
                run.request(),
                run.startedAt(),
                Optional.of(restored.at()),
                Optional.of(now),
                Optional.of(report));
        parts.recorder().disarm();
        parts.alerts().stop();
        archive.add(drill);
        LOG.info(
                "failover drill {} on {} {}: {}",
                drill.id(),
                drill.provider(),
                status.wireName(),
                String.join("; ", report.verdictReasons()));
        parts.postern().publish(new PosternEvent.DrillFinished(now, run.provider(), status.wireName()));
        return drill;
    }

    /** What the attempts showed: of every instance on a shared store, of this process otherwise. */
    private Observed observe(DrillRun run, DrillEvidence evidence, Restored restored, Instant now) {
        Observed local =
                Observed.local(run, evidence, restored, parts.recorder().seen().orElseThrow(), parts.outbox());
        if (shared.cluster().isEmpty()) {
            return local;
        }
        try {
            return Observed.shared(shared.cluster().get(), run, restored, now, local);
        } catch (RuntimeException e) {
            LOG.warn(
                    "failover drill {}: the other instances' attempts cannot be read ({}); the report shows"
                            + " this instance's",
                    run.id(),
                    e.getMessage());
            return local;
        }
    }

    /** The one place the state changes: the timers of the state left behind are cancelled. */
    private void become(DrillState next) {
        state.tasks().forEach(Scheduler.Cancellable::cancel);
        state = next;
    }

    private void probe(DrillRun run, DrillEvidence evidence, String label) {
        String to = parts.config().probeTo().orElseThrow();
        try {
            Email email = Email.builder()
                    .from(to)
                    .to(to)
                    .subject("Postern failover drill " + run.id() + ": probe " + label)
                    .text("A probe of Postern's failover drill " + run.id() + " on " + run.provider()
                            + ". Nothing to do: it proves that mail still flows.")
                    .build();
            evidence.probeQueued(parts.outbox()
                    .accept(email, PROBES, "drill-" + run.id() + "-probe-" + label.replace(' ', '-'))
                    .id());
        } catch (RuntimeException e) {
            LOG.warn("failover drill {}: probe {} could not be queued: {}", run.id(), label, e.toString());
        }
    }

    private static DrillStart oneAtATime(DrillRun run) {
        return new DrillStart.Conflict("drill " + run.id() + " on " + run.provider() + " is running (since "
                + run.startedAt() + "); one drill at a time");
    }

    private static Drill view(DrillRun run, Optional<Instant> restoredAt) {
        return new Drill(
                run.id(),
                run.provider(),
                run.origin(),
                DrillStatus.RUNNING,
                run.request(),
                run.startedAt(),
                restoredAt,
                Optional.empty(),
                Optional.empty());
    }

    private String newId(Instant now) {
        byte[] bytes = new byte[3];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) parts.random().nextInt(256);
        }
        return "drill-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(bytes);
    }
}

package dev.postern.server.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxConfig;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.testing.FakeTime;
import dev.postern.testing.ScriptedProvider;
import dev.postern.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill state machine's transitions on a fake clock; no traffic flows, so verdicts fail. */
class DrillLifecycleTest {
    @TempDir
    Path dir;

    final FakeTime time = new FakeTime(Instant.parse("2026-01-12T03:50:00Z"));
    Postern postern;
    Outbox outbox;
    DrillArchive archive;
    DrillLifecycle lifecycle;
    final Timers timers = new Timers();

    /** The lifecycle's own timers, on the fake clock, and which of them still wait to run. */
    final class Timers implements Scheduler {
        final Set<Object> waiting = ConcurrentHashMap.newKeySet();

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            Object timer = new Object();
            waiting.add(timer);
            Cancellable scheduled = time.schedule(delay, () -> {
                waiting.remove(timer);
                task.run();
            });
            return () -> {
                waiting.remove(timer);
                scheduled.cancel();
            };
        }
    }

    @BeforeEach
    void open() {
        TrafficSeries traffic = new TrafficSeries(time);
        DrillRecorder recorder = new DrillRecorder();
        AlertLedger ledger = new AlertLedger();
        postern = Postern.builder()
                .provider("primary", ScriptedProvider.accepting("primary"))
                .provider("backup", ScriptedProvider.accepting("backup"))
                .listener("traffic", traffic)
                .listener("drills", recorder)
                .eventExecutor(Runnable::run) // hear each attempt before the send that made it returns
                .alertDeliveries(ledger)
                .clock(time)
                .scheduler(time)
                .build();
        outbox = Outbox.open(
                OutboxConfig.DEFAULTS.withStore("sqlite:" + dir.resolve("postern.db")), postern, time, time);
        archive = new DrillArchive(dir.resolve("drills"));
        lifecycle = new DrillLifecycle(
                new Drills.Parts(
                        DrillConfig.DEFAULTS,
                        dir.resolve("drills"),
                        postern,
                        outbox,
                        traffic,
                        recorder,
                        ledger,
                        time,
                        timers,
                        new Random(7),
                        Optional.empty(),
                        "test"),
                archive,
                new SharedDrills(Optional.empty(), "test"));
    }

    @AfterEach
    void close() {
        lifecycle.close();
        outbox.close();
        postern.close();
    }

    DrillRun start() {
        DrillStart start = lifecycle.start(new DrillRequest("primary", Duration.ofMinutes(1), 0), "api");
        assertThat(start).isInstanceOf(DrillStart.Started.class);
        return ((DrillState.Out) lifecycle.state()).run();
    }

    @Test
    void aDrillIsOutUntilItsDeadlineThenRecoversUntilItsVerdictThenTheLifecycleIsIdleWithNoTimerLeft() {
        assertThat(lifecycle.state()).isEqualTo(new DrillState.Idle());
        DrillRun run = start();
        assertThat(run.deadline()).isEqualTo(run.startedAt().plus(Duration.ofMinutes(1)));

        time.advance(Duration.ofSeconds(59));
        assertThat(lifecycle.state()).isInstanceOf(DrillState.Out.class);
        time.advance(Duration.ofSeconds(1));
        assertThat(lifecycle.state())
                .isInstanceOfSatisfying(
                        DrillState.Recovering.class,
                        r -> assertThat(r.restored().at()).isEqualTo(run.deadline()));
        time.advance(DrillConfig.DEFAULTS.recovery());

        assertThat(lifecycle.state()).isEqualTo(new DrillState.Idle());
        assertThat(archive.find(run.id()).orElseThrow().status()).isEqualTo(DrillStatus.FAILED);
        assertThat(timers.waiting).isEmpty();
    }

    @Test
    void anAbortWhileRecoveringChangesNothing() {
        DrillRun run = start();
        time.advance(Duration.ofMinutes(1));

        assertThat(lifecycle.abort(run.id(), "aborted by an operator")).isEmpty();

        assertThat(lifecycle.state()).isInstanceOf(DrillState.Recovering.class);
    }

    @Test
    void anAbortWhileOutEndsTheDrillAtOnceAndItsTimersNeverFire() {
        DrillRun run = start();

        Drill aborted = lifecycle.abort(run.id(), "aborted by an operator").orElseThrow();
        time.advance(Duration.ofMinutes(10));

        assertThat(aborted.status()).isEqualTo(DrillStatus.ABORTED);
        assertThat(lifecycle.state()).isEqualTo(new DrillState.Idle());
        assertThat(archive.recent()).containsExactly(aborted);
        assertThat(timers.waiting).isEmpty();
    }

    @Test
    void closingWhileRecoveringEndsTheDrillAbortedWithNoTimerLeft() {
        DrillRun run = start();
        time.advance(Duration.ofMinutes(1));

        lifecycle.close();

        assertThat(archive.find(run.id()).orElseThrow().status()).isEqualTo(DrillStatus.ABORTED);
        assertThat(timers.waiting).isEmpty();
    }

    @Test
    void aClosedLifecycleStartsNoDrill() {
        lifecycle.close();

        assertThat(lifecycle.start(new DrillRequest("primary", Duration.ofMinutes(1), 0), "schedule"))
                .isEqualTo(new DrillStart.Conflict("the gateway is shutting down"));
        assertThat(lifecycle.state()).isEqualTo(new DrillState.Closed());
    }
}

package dev.postern.server.drill;

import dev.postern.outbox.OutboxCounts;
import dev.postern.time.Scheduler;
import java.time.Instant;
import java.util.List;

/**
 * Where the drill lifecycle stands. Only {@link DrillLifecycle} moves between these states, each
 * move explicit; leaving a state cancels its {@link #tasks}, so no timer of a past state fires.
 *
 * <pre>
 * Idle ──start──▶ Out ──deadline──▶ Recovering ──back and settled, or drills.recovery over──▶ Idle
 *                  └──abort or close (restore, verdict "aborted")──────────────────────────▶ Idle
 * any ──close──▶ Closed (a drill still recovering ends "aborted")
 * </pre>
 */
sealed interface DrillState {
    /** The timers that belong to this state. */
    default List<Scheduler.Cancellable> tasks() {
        return List.of();
    }

    /** No drill runs; one may start. */
    record Idle() implements DrillState {}

    /**
     * The drilled provider is out of rotation until {@link DrillRun#deadline()}.
     *
     * @param tasks the restore at the deadline, traffic collection and the probes
     */
    record Out(DrillRun run, DrillEvidence evidence, List<Scheduler.Cancellable> tasks) implements DrillState {}

    /**
     * The provider is back in rotation; the drill waits for it to take traffic back before its verdict.
     *
     * @param tasks the recovery check, traffic collection and the probe after the drill
     */
    record Recovering(DrillRun run, DrillEvidence evidence, Restored restored, List<Scheduler.Cancellable> tasks)
            implements DrillState {}

    /** Shut down: no drill runs, and none may start. */
    record Closed() implements DrillState {}

    /** When the provider came back into rotation, and the outbox's counts at that moment. */
    record Restored(Instant at, OutboxCounts counts) {}
}

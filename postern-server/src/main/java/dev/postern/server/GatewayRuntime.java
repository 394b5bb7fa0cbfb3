package dev.postern.server;

import dev.postern.time.Scheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The time and chance a {@link Gateway} runs on, handed to every part it builds: routing, the
 * outbox, cluster heartbeats, the backlog watch, drills, the HTTP API's request limits and the SMTP relay's session limits. Nothing in
 * a gateway reads the system clock or starts a timer of its own, so a test that passes a fake clock
 * and scheduler moves the whole gateway through time.
 *
 * @param clock every timestamp and timeout; read in its zone for {@code drills.schedule}
 * @param scheduler every delay, retry and periodic check (probes, heartbeats, polls, drills)
 * @param random jitter for probe schedules and drill choices
 * @param events runs the event listeners (metrics, stats, traffic, the event stream, alerts, the
 *     outbox's wake-ups), never on the sending thread in production; a test passes {@code
 *     Runnable::run} so that what an advance of its fake time caused has been heard when it returns
 */
public record GatewayRuntime(Clock clock, Scheduler scheduler, RandomGenerator random, Executor events) {

    public GatewayRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(events, "events");
    }

    /**
     * The system clock in the server's time zone, one system scheduler, the default random source,
     * and listeners on virtual threads named {@code postern-events} (as core's default).
     */
    public static GatewayRuntime system() {
        var listenerThreads = Thread.ofVirtual().name("postern-events").factory();
        return new GatewayRuntime(
                Clock.systemDefaultZone(),
                Scheduler.system(),
                RandomGenerator.getDefault(),
                task -> listenerThreads.newThread(task).start());
    }
}

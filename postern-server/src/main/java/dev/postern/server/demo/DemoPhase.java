package dev.postern.server.demo;

import dev.postern.sim.Fault;
import java.time.Duration;
import java.util.List;

/**
 * One act of the demo's story: what the primary does ({@code primaryFault}) and for how long.
 *
 * @param tag the short name on each live line, e.g. {@code 2/4 sendgrid hangs}
 * @param description what happens, in words, for the phase's heading and the summary
 */
record DemoPhase(int number, int count, String tag, String description, Fault primaryFault, int seconds) {
    /** The widest tag, so that the live lines' columns stay aligned. */
    static final int TAG_WIDTH = 24;

    /** The four phases, the first and third lasting {@code unit}, the others one and a half times that. */
    static List<DemoPhase> story(Duration unit) {
        int s = (int) Math.max(1, unit.toSeconds());
        String primary = DemoProviders.PRIMARY;
        return List.of(
                new DemoPhase(1, 4, "1/4 all healthy", "all providers healthy", new Fault.Ok(), s),
                new DemoPhase(
                        2,
                        4,
                        "2/4 " + primary + " hangs",
                        primary + " hangs after accepting the connection (never answers)",
                        new Fault.HangGreeting(),
                        s + s / 2),
                new DemoPhase(
                        3,
                        4,
                        "3/4 " + primary + " answers 503",
                        primary + " answers HTTP 503 (service unavailable)",
                        new Fault.Error(503),
                        s),
                new DemoPhase(4, 4, "4/4 " + primary + " recovers", primary + " recovers", new Fault.Ok(), s + s / 2));
    }

    /** {@code phase 2/4: sendgrid hangs after accepting the connection (never answers)}. */
    String heading() {
        return "phase " + number + "/" + count + ": " + description;
    }
}

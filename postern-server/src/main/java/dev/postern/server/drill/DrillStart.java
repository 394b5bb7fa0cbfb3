package dev.postern.server.drill;

/** The answer to {@link Drills#start}: started, or refused with a reason an operator can act on. */
public sealed interface DrillStart {
    /** The drill runs; {@code drill} is its first view. */
    record Started(Drill drill) implements DrillStart {}

    /** Another drill runs, or this one would leave no provider to send through (HTTP 409). */
    record Conflict(String reason) implements DrillStart {}

    /** The request cannot be run as asked (HTTP 400): an unknown provider, probes without {@code probe_to}. */
    record Invalid(String field, String reason) implements DrillStart {}
}

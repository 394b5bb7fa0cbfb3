package dev.postern.health;

import java.time.Instant;

/** The last health probe of a provider: when it ran, whether it passed, and why not. */
public record HealthCheck(Instant at, boolean healthy, String detail) {}

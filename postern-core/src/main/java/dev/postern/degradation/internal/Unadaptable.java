package dev.postern.degradation.internal;

/**
 * The message could not be adapted to a provider (a bug in a part of the adaptation, met on
 * unusual content): nothing is sent there, and {@code reason} names the failure for the attempt.
 */
public record Unadaptable(String reason) implements AdaptResult {}

package dev.postern.routing;

import java.util.Locale;

/**
 * Where a provider stands for routing (docs/routing.md). Only {@link #AVAILABLE} providers get
 * attempts; when several reasons apply, the state shown is the first in this order that applies,
 * operator decisions before automatic ones.
 */
public enum ProviderState {
    /** Taken out of rotation by an operator until undrained. */
    DRAINED,
    /** Taken out of rotation by a failover drill. */
    DRILL,
    /** Health probes failing, or credentials refused. */
    UNHEALTHY,
    /** The circuit breaker is open. */
    OPEN,
    /** The provider asked us to slow down; skipped until its stated time. */
    COOLING,
    /**
     * An attempt has been in flight longer than the provider's {@code suspect_after}: it may have
     * hung. Skipped until an attempt completes normally or a health probe passes.
     */
    SUSPECT,
    /** In rotation. */
    AVAILABLE;

    /** The lower-case name used in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

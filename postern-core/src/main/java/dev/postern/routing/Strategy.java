package dev.postern.routing;

/** How routing picks a message's first provider; the others follow in priority order. */
public enum Strategy {
    /** The available provider with the lowest priority number. */
    PRIORITY,
    /**
     * Smooth weighted round-robin over the available providers: weights 70/30 send exactly 7 and 3
     * of every 10 messages while both are available, and renormalise when one is out.
     */
    WEIGHTED,
    /**
     * Priority order, filling each provider up to its rate limit before the next gets any (the
     * cheap-provider-first setup). Unlike {@link #PRIORITY}, a message that goes past a provider
     * only because that provider's budget is spent is on its planned route, not failing over, so
     * {@code degrade_on_failover} does not apply to it.
     */
    PRIMARY_WITH_SPILLOVER
}

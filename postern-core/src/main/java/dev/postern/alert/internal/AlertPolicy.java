package dev.postern.alert.internal;

import dev.postern.event.PosternEvent;

/** What each event means for incidents; one exhaustive switch so a new event must be decided. */
enum AlertPolicy {
    /** A bad signal about a provider: opens its incident, or updates the open one. */
    PROVIDER_SIGNAL,
    /** A message left a provider: a bad signal, unless the provider only asked to slow down. */
    FAILOVER,
    /** A provider asked to slow down: a bad signal once it has lasted {@code rate_limited_for}. */
    RATE_LIMITED,
    /** An attempt's answer and latency: counted, never a signal. */
    ATTEMPT,
    /** A gateway-wide bad signal: opens or updates that condition's own incident. */
    GATEWAY_SIGNAL,
    /**
     * A provider is sending well but its mail is not welcome (its bounce or complaint rate): an
     * incident of its own for that provider and condition, over once the signal stops repeating, like
     * a gateway-wide one, but it neither inhibits nor is inhibited by outages.
     */
    PROVIDER_CONDITION,
    /** A message will not be delivered: counted into every open incident. */
    MESSAGE_FAILED,
    /** Informational, outside incidents: always sent at once. */
    NOTICE,
    /** A provider back in rotation: nothing to do, the settle check reads the provider's state. */
    RECOVERY;

    static AlertPolicy of(PosternEvent event) {
        return switch (event) {
            case PosternEvent.Attempted e -> ATTEMPT;
            case PosternEvent.ProviderUnhealthy e -> PROVIDER_SIGNAL;
            case PosternEvent.ProviderSuspect e -> PROVIDER_SIGNAL;
            case PosternEvent.BreakerOpened e -> PROVIDER_SIGNAL;
            case PosternEvent.Misconfigured e -> PROVIDER_SIGNAL;
            case PosternEvent.Failover e -> FAILOVER;
            case PosternEvent.RateLimited e -> RATE_LIMITED;
            case PosternEvent.MessageFailed e -> MESSAGE_FAILED;
            case PosternEvent.AllProvidersDown e -> GATEWAY_SIGNAL;
            case PosternEvent.BacklogHigh e -> GATEWAY_SIGNAL;
            case PosternEvent.BounceRateHigh e -> PROVIDER_CONDITION;
            case PosternEvent.ComplaintRateHigh e -> PROVIDER_CONDITION;
            case PosternEvent.ProviderRecovered e -> RECOVERY;
            case PosternEvent.BreakerClosed e -> RECOVERY;
            case PosternEvent.DrillStarted e -> NOTICE;
            case PosternEvent.DrillFinished e -> NOTICE;
        };
    }
}

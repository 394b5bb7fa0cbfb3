package dev.postern.alert.internal;

import dev.postern.event.PosternEvent;

/** How each event type is alerted on; one exhaustive switch so a new event must be decided. */
enum AlertPolicy {
    /** A state that lasts until its provider recovers: sent once, reminded while it lasts. */
    CONDITION,
    /** Something that happens per message or per moment: sent once, repeats counted into reminders. */
    REPEATED,
    /** The end of a provider's conditions: sent once, closes them. */
    RESOLUTION,
    /** Informational: always sent. */
    NOTICE;

    static AlertPolicy of(PosternEvent event) {
        return switch (event) {
            case PosternEvent.ProviderUnhealthy e -> CONDITION;
            // Ends with provider_recovered when an attempt completes or a probe passes.
            case PosternEvent.ProviderSuspect e -> CONDITION;
            case PosternEvent.BreakerOpened e -> CONDITION;
            case PosternEvent.Misconfigured e -> CONDITION;
            case PosternEvent.Failover e -> REPEATED;
            case PosternEvent.RateLimited e -> REPEATED;
            case PosternEvent.AllProvidersDown e -> REPEATED;
            case PosternEvent.BacklogHigh e -> REPEATED;
            case PosternEvent.MessageFailed e -> REPEATED;
            case PosternEvent.ProviderRecovered e -> RESOLUTION;
            case PosternEvent.BreakerClosed e -> RESOLUTION;
            case PosternEvent.DrillStarted e -> NOTICE;
            case PosternEvent.DrillFinished e -> NOTICE;
        };
    }
}

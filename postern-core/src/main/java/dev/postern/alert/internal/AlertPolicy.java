package dev.postern.alert.internal;

import dev.postern.event.PosternEvent;

/** How each event type is alerted on; one exhaustive switch so a new event must be decided. */
enum AlertPolicy {
    /** A state that lasts until its provider recovers: sent once, reminded while it lasts. */
    CONDITION,
    /** Something that happens per moment: sent once, repeats counted into reminders per renotify. */
    REPEATED,
    /** Something that happens per message: sent once, repeats summed up once per aggregation window. */
    AGGREGATED,
    /** The end of a provider's conditions: sent once, closes them. */
    RESOLUTION,
    /** Informational: always sent. */
    NOTICE,
    /** Routine traffic, counted by metrics: never an alert. */
    NONE;

    static AlertPolicy of(PosternEvent event) {
        return switch (event) {
            case PosternEvent.Attempted e -> NONE;
            case PosternEvent.ProviderUnhealthy e -> CONDITION;
            // Ends with provider_recovered when an attempt completes or a probe passes.
            case PosternEvent.ProviderSuspect e -> CONDITION;
            case PosternEvent.BreakerOpened e -> CONDITION;
            case PosternEvent.Misconfigured e -> CONDITION;
            case PosternEvent.Failover e -> AGGREGATED;
            case PosternEvent.RateLimited e -> AGGREGATED;
            case PosternEvent.MessageFailed e -> AGGREGATED;
            case PosternEvent.AllProvidersDown e -> REPEATED;
            case PosternEvent.BacklogHigh e -> REPEATED;
            case PosternEvent.ProviderRecovered e -> RESOLUTION;
            case PosternEvent.BreakerClosed e -> RESOLUTION;
            case PosternEvent.DrillStarted e -> NOTICE;
            case PosternEvent.DrillFinished e -> NOTICE;
        };
    }

    /** What an incident is keyed by: failovers apart per route, so each route is summed on its own. */
    static String key(PosternEvent event) {
        return switch (event) {
            case PosternEvent.Failover f -> "failover/" + f.from() + ">" + f.to();
            default -> event.type() + "/" + event.provider().orElse("*");
        };
    }
}

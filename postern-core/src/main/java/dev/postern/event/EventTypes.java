package dev.postern.event;

/** The wire names of events (docs/api.md, events), kept in one exhaustive switch. */
final class EventTypes {
    private EventTypes() {}

    static String of(PosternEvent event) {
        return switch (event) {
            case PosternEvent.Attempted e -> "attempt";
            case PosternEvent.Failover e -> "failover";
            case PosternEvent.ProviderUnhealthy e -> "provider_unhealthy";
            case PosternEvent.ProviderSuspect e -> "provider_suspect";
            case PosternEvent.ProviderRecovered e -> "provider_recovered";
            case PosternEvent.BreakerOpened e -> "breaker_opened";
            case PosternEvent.BreakerClosed e -> "breaker_closed";
            case PosternEvent.RateLimited e -> "rate_limited";
            case PosternEvent.Misconfigured e -> "misconfigured";
            case PosternEvent.AllProvidersDown e -> "all_providers_down";
            case PosternEvent.BacklogHigh e -> "backlog_high";
            case PosternEvent.BounceRateHigh e -> "bounce_rate_high";
            case PosternEvent.ComplaintRateHigh e -> "complaint_rate_high";
            case PosternEvent.MessageFailed e -> "message_failed";
            case PosternEvent.DrillStarted e -> "drill_started";
            case PosternEvent.DrillFinished e -> "drill_finished";
        };
    }
}

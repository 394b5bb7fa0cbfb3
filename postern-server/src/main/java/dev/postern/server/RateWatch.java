package dev.postern.server;

import dev.postern.Postern;
import dev.postern.ProviderStatus;
import dev.postern.event.PosternEvent;
import dev.postern.server.config.RateAlertConfig;
import dev.postern.server.stats.DeliveryRates;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;

/**
 * Publishes {@code bounce_rate_high} (and {@code complaint_rate_high}) for each provider whose
 * hard-bounce (complaint) rate over the last hour is at or above {@code alerts.bounce_rate} ({@code
 * alerts.complaint_rate}) once it has sent {@code alerts.rate_min_sent} messages in it, checking
 * every {@link #CHECK}. The alerter turns the repeats into one incident per provider and condition,
 * resolved once they stop.
 */
final class RateWatch {
    /** How often the rates are judged: they span an hour, so a check every 30 s loses nothing. */
    static final Duration CHECK = Duration.ofSeconds(30);

    private final RateAlertConfig config;
    private final DeliveryRates rates;
    private final Postern postern;
    private final Clock clock;

    RateWatch(RateAlertConfig config, DeliveryRates rates, Postern postern, Clock clock) {
        this.config = config;
        this.rates = rates;
        this.postern = postern;
        this.clock = clock;
    }

    Scheduler.Cancellable start(Scheduler scheduler) {
        return scheduler.every(CHECK, this::check);
    }

    /** Publishes an event for each provider's rate at or above its threshold now. */
    void check() {
        for (ProviderStatus provider : postern.providers()) {
            DeliveryRates.Rates r = rates.of(provider.name());
            if (r.sent() < config.minSent()) {
                continue; // too few messages to tell a bad list from bad luck
            }
            if (r.bounceRate() >= config.bounceRate()) {
                postern.publish(new PosternEvent.BounceRateHigh(
                        clock.instant(),
                        provider.name(),
                        r.bounceRate(),
                        config.bounceRate(),
                        r.hardBounced(),
                        r.sent(),
                        r.window()));
            }
            if (r.complaintRate() >= config.complaintRate()) {
                postern.publish(new PosternEvent.ComplaintRateHigh(
                        clock.instant(),
                        provider.name(),
                        r.complaintRate(),
                        config.complaintRate(),
                        r.complained(),
                        r.sent(),
                        r.window()));
            }
        }
    }
}

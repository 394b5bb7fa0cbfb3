package dev.postern.server;

import dev.postern.Postern;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.Outbox;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.server.config.BacklogConfig;
import dev.postern.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code backlog_high} while the outbox holds at least {@code alerts.backlog.depth}
 * messages or its oldest has waited {@code alerts.backlog.oldest_age}, checking every {@code
 * alerts.backlog.check}. The alerter turns the repeats into one alert and reminders.
 */
final class BacklogWatch {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogWatch.class);

    private final BacklogConfig config;
    private final Outbox outbox;
    private final Postern postern;
    private final Clock clock;

    BacklogWatch(BacklogConfig config, Outbox outbox, Postern postern, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.postern = postern;
        this.clock = clock;
    }

    Scheduler.Cancellable start(Scheduler scheduler) {
        return scheduler.every(config.check(), this::check);
    }

    /** Publishes {@code backlog_high} if a threshold is passed now. */
    void check() {
        try {
            long depth = outbox.depth();
            Duration oldest = outbox.oldestQueuedAge();
            if (depth >= config.depth() || oldest.compareTo(config.oldestAge()) >= 0) {
                postern.publish(new PosternEvent.BacklogHigh(clock.instant(), depth, oldest));
            }
        } catch (OutboxUnavailableException e) {
            LOG.warn("could not read the backlog; checking again in {}: {}", config.check(), e.getMessage());
        }
    }
}

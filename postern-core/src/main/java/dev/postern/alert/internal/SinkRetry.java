package dev.postern.alert.internal;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertRefusedException;
import dev.postern.alert.AlertSink;
import dev.postern.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one alert to one sink off the caller's thread, retrying a failure with exponential
 * backoff ({@value #ATTEMPTS} attempts, {@code 1s, 2s, 4s, …}) on the scheduler, so a sink that is
 * down delays nothing and a sink that blips still gets the alert. An alert the sink's service
 * refused for good ({@link AlertRefusedException}: invalid, or its credentials refused) is given up
 * at once: repeating it could only be refused again.
 */
final class SinkRetry {
    /** Attempts per alert and sink, the first included. */
    static final int ATTEMPTS = 5;

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SinkRetry.class);

    private final Executor executor;
    private final Scheduler scheduler;
    private final Consumer<AlertDelivery> deliveries;

    SinkRetry(Executor executor, Scheduler scheduler, Consumer<AlertDelivery> deliveries) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.deliveries = deliveries;
    }

    void deliver(AlertSink sink, Alert alert) {
        attempt(sink, alert, 1);
    }

    private void attempt(AlertSink sink, Alert alert, int attempt) {
        executor.execute(() -> {
            try {
                sink.deliver(alert);
                report(new AlertDelivery.Delivered(sink, alert, attempt));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (e instanceof AlertRefusedException || attempt >= ATTEMPTS) {
                    LOG.warn(
                            "alert sink {} failed to deliver {} {} times, giving up: {}",
                            sink,
                            alert.event(),
                            attempt,
                            e.toString());
                    report(new AlertDelivery.GaveUp(sink, alert, attempt, line(e)));
                    return;
                }
                Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                LOG.warn(
                        "alert sink {} failed to deliver {} (attempt {}), retrying in {}: {}",
                        sink,
                        alert.event(),
                        attempt,
                        backoff,
                        e.toString());
                report(new AlertDelivery.Retrying(sink, alert, attempt, line(e), backoff));
                scheduler.schedule(backoff, () -> attempt(sink, alert, attempt + 1));
            }
        });
    }

    private void report(AlertDelivery delivery) {
        try {
            deliveries.accept(delivery);
        } catch (RuntimeException e) {
            // whoever listens must not stop the retries
            LOG.warn("an alert delivery listener failed: {}", e.toString());
        }
    }

    private static String line(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = message.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}

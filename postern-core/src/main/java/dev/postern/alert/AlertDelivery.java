package dev.postern.alert;

import java.time.Duration;

/**
 * What became of one attempt to hand one {@link Alert} to one {@link AlertSink}, for whoever must
 * know whether operators were really told (a failover drill's report). Reported through {@code
 * Postern.Builder.alertDeliveries} after every attempt; a sink that fails is retried a few times
 * before Postern gives up, so each alert and sink ends in exactly one {@link Delivered} or {@link
 * GaveUp}, possibly after some {@link Retrying}.
 */
public sealed interface AlertDelivery {
    AlertSink sink();

    Alert alert();

    /** 1 for the first attempt. */
    int attempt();

    /** The sink took the alert. */
    record Delivered(AlertSink sink, Alert alert, int attempt) implements AlertDelivery {}

    /**
     * The sink failed; it is tried again in {@code retryIn}.
     *
     * @param error the failure in a line (the sink's own message, which names no secret)
     */
    record Retrying(AlertSink sink, Alert alert, int attempt, String error, Duration retryIn)
            implements AlertDelivery {}

    /** The sink failed its last attempt: this alert never reached it. */
    record GaveUp(AlertSink sink, Alert alert, int attempt, String error) implements AlertDelivery {}
}

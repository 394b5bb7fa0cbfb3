package dev.postern.alert;

import dev.postern.error.PosternException;

/**
 * Thrown by an {@link AlertSink} when the receiving service refused the alert for good: the
 * request was invalid or its credentials were refused (an HTTP 4xx other than 408 and 429), so
 * sending the same alert again can only be refused again. Postern gives such an alert up at once
 * instead of retrying it; any other exception from a sink is retried with backoff.
 */
public final class AlertRefusedException extends PosternException {
    private static final long serialVersionUID = 1L;

    public AlertRefusedException(String message) {
        super(message);
    }
}

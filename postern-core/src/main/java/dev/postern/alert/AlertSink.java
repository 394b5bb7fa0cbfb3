package dev.postern.alert;

/**
 * Where alerts go: a log, a webhook, a chat channel, an inbox. Sinks are called off the send path
 * and may be called concurrently; a sink that throws is logged and the alert is not retried.
 * Implementations bound every network call with a timeout and never log secrets.
 */
@FunctionalInterface
public interface AlertSink {
    void deliver(Alert alert) throws Exception;
}

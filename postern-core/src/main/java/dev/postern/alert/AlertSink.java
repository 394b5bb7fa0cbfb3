package dev.postern.alert;

/**
 * Where alerts go: a log, a webhook, a chat channel, an inbox. Sinks are called off the send path
 * and may be called concurrently; a sink that throws is logged and retried with backoff (a few
 * times, then given up), so delivering must be safe to repeat.
 * Implementations bound every network call with a timeout and never log secrets.
 */
@FunctionalInterface
public interface AlertSink {
    void deliver(Alert alert) throws Exception;
}

package dev.postern.server;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a gateway in the order they were started, closed in the reverse order: what was
 * started last (and may use what came before) stops first. The same stack undoes a start that fails
 * half way and shuts a running gateway down. A part that fails to close is logged and the others
 * still close.
 */
final class Closer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private record Part(String name, AutoCloseable close) {}

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Registers {@code close} to run before everything registered so far; returns {@code part}. */
    <T> T push(String name, T part, AutoCloseable close) {
        parts.push(new Part(name, close));
        return part;
    }

    /** Closes every registered part, newest first, once. */
    @Override
    public void close() {
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                part.close().close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.name(), e.toString());
            }
        }
    }
}

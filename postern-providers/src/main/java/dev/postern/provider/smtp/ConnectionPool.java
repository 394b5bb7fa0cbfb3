package dev.postern.provider.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Idle SMTP connections kept for reuse, so that a steady stream of messages does not pay for TCP,
 * TLS, EHLO and AUTH each time. Chosen over a connection per thread because Postern sends from
 * many short-lived virtual threads: thread-bound connections would never be reused.
 *
 * <ul>
 *   <li>At most {@code size} idle connections; a connection is only returned after a clean send,
 *       never after a failure, whose state Postern cannot trust.
 *   <li>Last in, first out: the most recently used connection is the likeliest to be alive.
 *   <li>Idle longer than {@link #MAX_IDLE}, or used for {@link #MAX_MESSAGES} messages, and it is
 *       closed rather than reused: relays drop idle sessions and cap messages per session.
 *   <li>The caller checks a taken connection with NOOP before MAIL FROM ({@link
 *       StagedTransport#isConnected()}), one round trip instead of four or five.
 * </ul>
 */
final class ConnectionPool implements AutoCloseable {
    /** Relays close idle sessions after 30 s to 5 min (RFC 5321 §4.5.3.2 server timeout: 5 min). */
    static final Duration MAX_IDLE = Duration.ofSeconds(30);

    /** Some relays cap messages per session; 100 stays under the usual caps. */
    static final int MAX_MESSAGES = 100;

    private final int size;
    private final Clock clock;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(int size, Clock clock) {
        this.size = size;
        this.clock = clock;
    }

    /** An idle connection, not yet checked, or null when none is fresh enough. */
    synchronized StagedTransport take() {
        Instant now = clock.instant();
        Idle candidate;
        while ((candidate = idle.pollFirst()) != null) {
            if (candidate.since().plus(MAX_IDLE).isAfter(now)) {
                return candidate.transport();
            }
            candidate.transport().abort();
        }
        return null;
    }

    /** Keeps a connection after a clean send, or closes it when the pool is full or done with it. */
    void give(StagedTransport transport) {
        synchronized (this) {
            if (!closed && idle.size() < size && transport.messagesSent() < MAX_MESSAGES) {
                idle.addFirst(new Idle(transport, clock.instant()));
                return;
            }
        }
        quit(transport);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        StagedTransport t;
        while ((t = take()) != null) {
            quit(t);
        }
    }

    static void quit(StagedTransport transport) {
        try {
            transport.close(); // QUIT without waiting for the reply (mail.smtp.quitwait=false)
        } catch (jakarta.mail.MessagingException e) {
            transport.abort();
        }
    }

    private record Idle(StagedTransport transport, Instant since) {}
}

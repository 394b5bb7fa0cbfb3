package dev.postern.provider.smtp;

import dev.postern.provider.AttemptContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one relay: at most {@code maxConnections} open at once (in use, idle or being
 * opened), and idle ones kept for reuse, so that a steady stream of messages does not pay for TCP,
 * TLS, EHLO and AUTH each time. Chosen over a connection per thread because Postern sends from
 * many short-lived virtual threads: thread-bound connections would never be reused. Chosen over an
 * unbounded pool because the dispatcher runs far more attempts at once (hundreds) than a relay
 * should be asked to hold sessions (Postfix's {@code default_destination_concurrency_limit}: 20).
 *
 * <ul>
 *   <li>A send {@link #claim claims} a connection: an idle one, else the right to open one while
 *       fewer than {@code maxConnections} are open, else it waits until one is given back or
 *       closed — at most its wait, and no longer once its attempt is cancelled.
 *   <li>A connection given back after a clean send goes to a waiting send, or stays idle while
 *       fewer than {@code maxIdle} are; otherwise it is closed. With {@code maxIdle} 0 nothing is
 *       reused. A connection is never given back after a failure, whose state Postern cannot trust.
 *   <li>Last in, first out: the most recently used connection is the likeliest to be alive.
 *   <li>Idle longer than {@link #MAX_IDLE}, or used for {@link #MAX_MESSAGES} messages, and it is
 *       closed rather than reused: relays drop idle sessions and cap messages per session.
 *   <li>The caller checks a claimed idle connection with NOOP before MAIL FROM ({@link
 *       StagedTransport#isConnected()}), one round trip instead of four or five, and {@link
 *       #discard discards} it when it is dead.
 * </ul>
 */
final class ConnectionPool implements AutoCloseable {
    /** Relays close idle sessions after 30 s to 5 min (RFC 5321 §4.5.3.2 server timeout: 5 min). */
    static final Duration MAX_IDLE = Duration.ofSeconds(30);

    /** Some relays cap messages per session; 100 stays under the usual caps. */
    static final int MAX_MESSAGES = 100;

    /** What {@link #claim} got. */
    sealed interface Claim {
        /** An idle connection, not yet checked; give it back or discard it. */
        record Idle(StagedTransport transport) implements Claim {}

        /** The right to open one connection; give it back, or discard (null) if opening failed. */
        record Open() implements Claim {}

        /** Every connection stayed busy for the whole wait. */
        record Busy(int maxConnections, Duration waited) implements Claim {}

        /** The attempt was cancelled while it waited. */
        record Cancelled() implements Claim {}
    }

    private final int maxConnections;
    private final int maxIdle;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Idle> idle = new ArrayDeque<>();
    private int open; // connections open or being opened, idle ones included
    private int waiting;
    private boolean closed;

    ConnectionPool(int maxConnections, int maxIdle, Clock clock) {
        this.maxConnections = maxConnections;
        this.maxIdle = maxIdle;
        this.clock = clock;
    }

    /**
     * An idle connection, or the right to open one, waiting at most {@code wait} for either;
     * cancelling {@code attempt} ends the wait.
     */
    Claim claim(AttemptContext attempt, Duration wait) {
        Waiter waiter = new Waiter();
        // Registered outside the lock: cancelling holds the attempt's lock, then takes this one.
        attempt.onCancel(waiter::cancel);
        List<StagedTransport> expired = new ArrayList<>();
        lock.lock();
        try {
            long remaining = wait.toNanos();
            while (true) {
                if (waiter.cancelled) {
                    passOn();
                    return new Claim.Cancelled();
                }
                Instant now = clock.instant();
                Idle candidate;
                while ((candidate = idle.pollFirst()) != null) {
                    if (candidate.since().plus(MAX_IDLE).isAfter(now)) {
                        return new Claim.Idle(candidate.transport());
                    }
                    expired.add(candidate.transport());
                    open--;
                }
                if (open < maxConnections) {
                    open++;
                    return new Claim.Open();
                }
                if (remaining <= 0) {
                    passOn();
                    return new Claim.Busy(maxConnections, wait);
                }
                waiting++;
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Claim.Cancelled();
                } finally {
                    waiting--;
                }
            }
        } finally {
            lock.unlock();
            expired.forEach(StagedTransport::abort);
        }
    }

    /** A waiter leaving without a connection passes on the signal it may have consumed. */
    private void passOn() {
        if (!idle.isEmpty() || open < maxConnections) {
            changed.signal();
        }
    }

    /** Keeps a connection after a clean send, or closes it when the pool is full or done with it. */
    void give(StagedTransport transport) {
        lock.lock();
        try {
            boolean wanted = waiting > idle.size() || idle.size() < maxIdle;
            if (!closed && maxIdle > 0 && wanted && transport.messagesSent() < MAX_MESSAGES) {
                idle.addFirst(new Idle(transport, clock.instant()));
                changed.signal();
                return;
            }
            open--;
            changed.signal();
        } finally {
            lock.unlock();
        }
        quit(transport);
    }

    /** Frees the place of a connection that failed or could not be opened (null), closing it at once. */
    void discard(StagedTransport transport) {
        if (transport != null) {
            transport.abort();
        }
        lock.lock();
        try {
            open--;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle connections (with QUIT); connections in use are closed when given back. */
    @Override
    public void close() {
        List<StagedTransport> idleNow = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            idle.forEach(i -> idleNow.add(i.transport()));
            open -= idle.size();
            idle.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        idleNow.forEach(ConnectionPool::quit);
    }

    static void quit(StagedTransport transport) {
        try {
            transport.close(); // QUIT without waiting for the reply (mail.smtp.quitwait=false)
        } catch (jakarta.mail.MessagingException e) {
            transport.abort();
        }
    }

    /** One send's wait, woken when its attempt is cancelled. */
    private final class Waiter {
        private volatile boolean cancelled;

        void cancel() {
            cancelled = true;
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private record Idle(StagedTransport transport, Instant since) {}
}

package dev.postern.outbox;

import dev.postern.error.PosternException;

/**
 * The outbox cannot take a message now, so it was <em>not</em> accepted: the caller still owns it.
 * Never a silent drop: HTTP answers 429 ({@link Reason#FULL}) or 503, SMTP answers 451/452, and
 * the client retries when {@link #retryable()} (elsewhere, if this instance is closing).
 */
public final class OutboxUnavailableException extends PosternException {
    private static final long serialVersionUID = 1L;

    /** Why the outbox refused. */
    public enum Reason {
        /** More messages are pending than {@code max_queue}; retry after the backlog drains. */
        FULL,
        /** The store could not make the message durable (disk full, I/O error, database down). */
        STORE_UNAVAILABLE,
        /** The outbox was closed; this instance will not accept again. */
        CLOSED
    }

    private final Reason reason;

    public OutboxUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when offering the same message to this outbox again later may succeed. */
    public boolean retryable() {
        return reason != Reason.CLOSED;
    }
}

package dev.postern.outbox.store;

import dev.postern.error.PosternException;

/**
 * The store cannot be used: the file or database is unreachable, full, corrupt or closed. What was
 * being written is not durable; nothing that was already durable is lost.
 */
public final class StoreException extends PosternException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.postern.outbox.store;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A write handed to a writer thread ({@link SqliteWriter}, {@link PostgresGroupCommit}): the writer
 * {@link #take()}s it before running it and completes it after its commit; the caller waits at most
 * the write timeout. Whoever takes it first decides: a writer that finds it taken by a caller who
 * gave up skips it, so nothing is written that its caller was told failed.
 */
final class QueuedWrite<T> {
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    /** True for the first caller only: the writer about to run it, or its caller giving up. */
    boolean take() {
        return taken.compareAndSet(false, true);
    }

    void complete(T result) {
        done.complete(result);
    }

    void fail(Throwable failure) {
        done.completeExceptionally(failure);
    }

    /**
     * The write's result once committed.
     *
     * @throws StoreException when it failed, or did not finish within {@code timeout}
     */
    T await(Duration timeout) {
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se
                    ? se
                    : new StoreException("store write failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw gaveUp("within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw gaveUp("before the caller was interrupted");
        }
    }

    private StoreException gaveUp(String when) {
        // Taken here, the writer will skip it: nothing is written. Taken by the writer, it is in a
        // transaction that may still commit; a retry with the same idempotency key finds it then.
        return take()
                ? new StoreException(
                        "the store's writer did not take the write " + when + "; nothing was written", null)
                : new StoreException(
                        "the store's writer did not finish the write " + when + "; it may still commit", null);
    }
}

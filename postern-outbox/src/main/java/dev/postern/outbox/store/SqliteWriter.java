package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a SQLite store, with group commit: callers queue their writes, one thread
 * runs as many as are waiting (up to {@code maxBatch}) in one transaction, and every caller returns
 * after that transaction's one fsync. SQLite admits one writer at a time anyway; batching is what
 * turns ~10 k fsyncs/s into ~100 k durable rows/s. Each write runs under its own savepoint, so one
 * that fails (a constraint) fails alone; a failed commit fails the whole batch.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /** A piece of work inside the writer's transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> done) {}

    private static final Task<Void> STOP = new Task<>(c -> null, new CompletableFuture<>());

    private final Connection connection;
    private final int maxBatch;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed;

    SqliteWriter(Connection connection, int maxBatch) throws SQLException {
        this.connection = connection;
        this.maxBatch = maxBatch;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().daemon().name("postern-store-writer").start(this::loop);
    }

    /** Runs {@code work} in the next transaction and returns its result once that is durable. */
    <T> T write(Work<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        // Under the lock so that no task can be queued behind STOP and wait forever.
        synchronized (this) {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            queue.add(task);
        }
        try {
            return task.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se
                    ? se
                    : new StoreException("store write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            for (Task<?> task : batch) {
                results.add(runOne(task));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("could not commit to the store: " + e.getMessage(), e);
            batch.forEach(t -> t.done().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    /** Runs one task under a savepoint; returns its result, or the SQLException it failed with. */
    private Object runOne(Task<?> task) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            Object result = task.work().run(connection);
            connection.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            return new Failure(e);
        }
    }

    private record Failure(Exception cause) {}

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result) {
        if (result instanceof Failure failure) {
            task.done().completeExceptionally(failure.cause());
        } else {
            task.done().complete((T) result);
        }
    }

    /**
     * Rolls the batch back and opens the next transaction. SQLite rolls a transaction back by
     * itself on some errors (a full disk, an I/O error); the JDBC rollback then fails before it
     * begins the next transaction, and the writer would go on outside one, where releasing a
     * savepoint commits at once and the commit after it fails: writes stored yet answered as
     * failed. So when the rollback fails, the connection is put back into a fresh transaction.
     */
    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback after a failed commit failed ({}); starting a fresh transaction", e.getMessage());
            try {
                connection.setAutoCommit(true); // its COMMIT fails when SQLite already rolled back: ignored
            } catch (SQLException ignored) {
                // the mode is switched even when the COMMIT fails
            }
            try {
                connection.setAutoCommit(false); // BEGIN
            } catch (SQLException again) {
                LOG.error("cannot begin a new transaction on the store's writer connection", again);
            }
        }
    }

    /** Finishes the writes already queued, then stops and closes the connection. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing the store's writer connection failed", e);
        }
    }
}

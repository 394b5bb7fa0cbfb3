package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of a SQLite store, with group commit: callers queue their writes, one thread
 * runs as many as are waiting (up to {@code maxBatch}) in one transaction, and every caller returns
 * after that transaction's one fsync. SQLite admits one writer at a time anyway; batching is what
 * turns ~10 k fsyncs/s into ~100 k durable rows/s. Each write runs under its own savepoint, so one
 * that fails (a constraint) fails alone; a failed commit fails the whole batch.
 *
 * <p>Every caller waits at most {@code writeTimeout}: a writer that is stuck (a lock held by another
 * process, a hung disk) fails writes with a {@link StoreException} instead of holding accepts and
 * claims forever. A write whose caller gave up before the writer reached it is never run. Anything
 * a batch throws, {@link Error}s included, fails that batch only; the thread goes on with the next.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /** A piece of work inside the writer's transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Task<T>(Work<T> work, QueuedWrite<T> write) {
        Task(Work<T> work) {
            this(work, new QueuedWrite<>());
        }
    }

    private static final Task<Void> STOP = new Task<>(c -> null);

    private final Connection connection;
    private final int maxBatch;
    private final Duration writeTimeout;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private boolean closed;

    SqliteWriter(Connection connection, int maxBatch, Duration writeTimeout) throws SQLException {
        this.connection = connection;
        this.maxBatch = maxBatch;
        this.writeTimeout = writeTimeout;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().daemon().name("postern-store-writer").start(this::loop);
    }

    /**
     * Runs {@code work} in the next transaction and returns its result once that is durable.
     *
     * @throws StoreException when the write failed, or did not finish within the write timeout
     */
    <T> T write(Work<T> work) {
        Task<T> task = new Task<>(work);
        // Under the lock so that no task can be queued behind STOP and wait forever.
        synchronized (this) {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            if (!thread.isAlive()) {
                throw new StoreException("the store's writer thread has stopped", null);
            }
            queue.add(task);
        }
        return task.write().await(writeTimeout);
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
            batch.removeIf(task -> !task.write().take()); // their callers gave up
            if (!batch.isEmpty()) {
                try {
                    commit(batch);
                } catch (Throwable e) {
                    // Only a rollback that itself threw gets here; the writer still must not end.
                    LOG.error("the store's writer could not roll a failed batch back", e);
                    StoreException failure = new StoreException("could not commit to the store: " + e, e);
                    batch.forEach(t -> t.write().fail(failure));
                }
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
            fail(batch, new StoreException("could not commit to the store: " + e.getMessage(), e));
            return;
        } catch (Error e) {
            // An Error (a stack overflow in a driver, an OutOfMemoryError) would end this thread, and
            // with it every later accept and claim: it fails this batch only, as a failed commit does.
            LOG.error("the store's writer caught {}; the batch is rolled back and writing goes on", e, e);
            fail(batch, new StoreException("could not commit to the store: " + e, e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    private void fail(List<Task<?>> batch, StoreException failure) {
        rollbackQuietly();
        batch.forEach(t -> t.write().fail(failure));
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
            task.write().fail(failure.cause());
        } else {
            task.write().complete((T) result);
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

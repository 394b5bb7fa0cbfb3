package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on PostgreSQL: callers queue their writes, a few writer threads each take as many as
 * are waiting (up to {@code maxBatch}) and run them in one transaction, and every caller returns
 * once that transaction has committed. PostgreSQL already shares one WAL flush among concurrent
 * commits, but each transaction still costs its round trips, its snapshot, a pooled connection and
 * its commit record; sharing them is what lifts accepts past 5,000/s on two cores
 * (docs/benchmarks.md). Used for accepts without an idempotency key and for settles.
 *
 * <p>A batch that fails is retried write by write, when the database refused a row rather than
 * failing as a whole, so one bad write fails alone. Every caller waits at most {@code writeTimeout};
 * a write whose caller gave up before a writer took it is never run.
 *
 * @param <T> what a caller writes
 * @param <R> what each write answers, once committed
 */
final class PostgresGroupCommit<T, R> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresGroupCommit.class);

    /** Runs a batch of writes on one connection inside its transaction; one result per write, in order. */
    @FunctionalInterface
    interface Batch<T, R> {
        List<R> run(Connection c, List<T> writes) throws SQLException;
    }

    private record Task<T, R>(T item, QueuedWrite<R> write) {}

    private final Task<T, R> stop = new Task<>(null, null);
    private final String name;
    private final PostgresStore.Transactions transactions;
    private final Batch<T, R> batch;
    private final int maxBatch;
    private final Duration writeTimeout;
    private final BlockingQueue<Task<T, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private boolean closed;

    /** @param name what the writes are, for thread names and logs: {@code inserts}, {@code settles} */
    PostgresGroupCommit(
            String name,
            PostgresStore.Transactions transactions,
            int writers,
            int maxBatch,
            Duration writeTimeout,
            Batch<T, R> batch) {
        this.name = name;
        this.transactions = transactions;
        this.batch = batch;
        this.maxBatch = maxBatch;
        this.writeTimeout = writeTimeout;
        for (int i = 0; i < writers; i++) {
            this.writers.add(Thread.ofPlatform()
                    .daemon()
                    .name("postern-store-" + name + "-" + i)
                    .start(this::loop));
        }
    }

    /**
     * Runs {@code item}'s write and returns its result once committed.
     *
     * @throws StoreException when it could not be written within the write timeout
     */
    R write(T item) {
        Task<T, R> task = new Task<>(item, new QueuedWrite<>());
        synchronized (this) {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            queue.add(task);
        }
        return task.write().await(writeTimeout);
    }

    private void loop() {
        List<Task<T, R>> tasks = new ArrayList<>(maxBatch);
        while (true) {
            tasks.clear();
            try {
                tasks.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(tasks, maxBatch - 1);
            boolean stopping = tasks.remove(stop);
            tasks.removeIf(task -> !task.write().take()); // their callers gave up
            try {
                run(tasks);
            } catch (Throwable e) {
                // Nothing may end a writer: every later write would wait for its timeout.
                LOG.error("a batch of {} failed unexpectedly", name, e);
                StoreException failure = new StoreException("could not write to the store: " + e, e);
                tasks.forEach(t -> t.write().fail(failure));
            }
            if (stopping) {
                queue.add(stop); // for the next writer
                return;
            }
        }
    }

    private void run(List<Task<T, R>> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<R> results;
        try {
            results = transactions.run(
                    c -> batch.run(c, tasks.stream().map(Task::item).toList()));
        } catch (StoreException e) {
            if (tasks.size() == 1 || !rowRefused(e)) {
                tasks.forEach(t -> t.write().fail(e));
                return;
            }
            for (Task<T, R> task : tasks) { // find the write that fails; the others still go in
                run(List.of(task));
            }
            return;
        }
        for (int i = 0; i < tasks.size(); i++) {
            tasks.get(i).write().complete(results.get(i));
        }
    }

    /**
     * Whether the database refused a row (a constraint or a value: SQLSTATE classes 23 and 22) or
     * chose the batch as a deadlock's victim (40P01), as opposed to failing as a whole (a lost
     * connection, a timeout), when retrying write by write would only wait out the same failure once
     * per write.
     */
    private static boolean rowRefused(StoreException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("23") || state.startsWith("22") || state.equals("40P01");
            }
        }
        return false;
    }

    /** Lets the writers finish what is queued, then stops them. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        }
        for (Thread writer : writers) {
            try {
                writer.join(writeTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

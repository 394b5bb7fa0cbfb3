package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for accepts on PostgreSQL: callers queue their new messages, a few writer threads each
 * take as many as are waiting (up to {@code maxBatch}) and insert them in one transaction, and every
 * caller returns once that transaction has committed. PostgreSQL already shares one WAL flush among
 * concurrent commits, but each transaction still costs its round trips, its snapshot and its commit
 * record; one multi-row insert per batch is what lifts accepts past 5,000/s on two cores
 * (docs/benchmarks.md).
 *
 * <p>Only messages without an idempotency key come here: a key needs its own upsert, in its own
 * transaction, so that two instances accepting one key at once cannot both win. A batch that fails
 * is retried message by message, so one bad row fails alone. Every caller waits at most {@code
 * writeTimeout}; a message whose caller gave up before a writer took it is never written.
 */
final class PostgresInserts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresInserts.class);

    private record Task(NewMessage message, QueuedWrite<Accepted> write) {
        Task(NewMessage message) {
            this(message, new QueuedWrite<>());
        }
    }

    private static final Task STOP = new Task(null);

    private final PostgresStore.Transactions transactions;
    private final int maxBatch;
    private final Duration writeTimeout;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private boolean closed;

    PostgresInserts(PostgresStore.Transactions transactions, int writers, int maxBatch, Duration writeTimeout) {
        this.transactions = transactions;
        this.maxBatch = maxBatch;
        this.writeTimeout = writeTimeout;
        for (int i = 0; i < writers; i++) {
            this.writers.add(Thread.ofPlatform()
                    .daemon()
                    .name("postern-store-inserts-" + i)
                    .start(this::loop));
        }
    }

    /**
     * Stores {@code message}, which has no idempotency key, and returns once it is committed.
     *
     * @throws StoreException when it could not be stored within the write timeout
     */
    Accepted insert(NewMessage message) {
        Task task = new Task(message);
        synchronized (this) {
            if (closed) {
                throw new StoreException("store is closed", null);
            }
            queue.add(task);
        }
        return task.write().await(writeTimeout);
    }

    private void loop() {
        List<Task> batch = new ArrayList<>(maxBatch);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.remove(STOP);
            batch.removeIf(task -> !task.write().take()); // their callers gave up
            try {
                write(batch);
            } catch (Throwable e) {
                // Nothing may end a writer: every later accept would wait for its timeout.
                LOG.error("a batch of accepts failed unexpectedly", e);
                StoreException failure = new StoreException("could not store the message: " + e, e);
                batch.forEach(t -> t.write().fail(failure));
            }
            if (stop) {
                queue.add(STOP); // for the next writer
                return;
            }
        }
    }

    private void write(List<Task> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.run(c -> insertAll(c, batch));
        } catch (StoreException e) {
            if (batch.size() == 1 || !rowRefused(e)) {
                batch.forEach(t -> t.write().fail(e));
                return;
            }
            for (Task task : batch) { // find the row that fails; the others still go in
                write(List.of(task));
            }
            return;
        }
        batch.forEach(t -> t.write().complete(new Accepted(t.message().id(), true)));
    }

    /**
     * Whether the database refused a row (a constraint or a value: SQLSTATE classes 23 and 22), as
     * opposed to failing as a whole (a lost connection, a timeout), when retrying row by row would
     * only wait out the same failure once per message.
     */
    private static boolean rowRefused(StoreException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("22");
            }
        }
        return false;
    }

    private static Void insertAll(Connection c, List<Task> batch) throws SQLException {
        // One multi-row INSERT per batch: the driver rewrites the batch (reWriteBatchedInserts).
        try (PreparedStatement insert = c.prepareStatement(PostgresSql.INSERT)) {
            for (Task task : batch) {
                PostgresSql.bindInsert(insert, task.message());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return null;
    }

    /** Lets the writers finish what is queued, then stops them. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
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

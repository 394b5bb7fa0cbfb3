package dev.postern.outbox.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A fixed pool of read connections; WAL lets them read a consistent snapshot beside the writer. */
final class SqliteReaders implements AutoCloseable {

    interface Opener {
        Connection open() throws SQLException;
    }

    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    SqliteReaders(int size, Opener opener) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection connection = opener.open();
            all.add(connection);
            idle.add(connection);
        }
    }

    <T> T read(SqliteWriter.Work<T> work) {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        Connection connection;
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a read connection", e);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing a read-only connection cannot lose data; nothing to do but go on.
            }
        }
    }
}

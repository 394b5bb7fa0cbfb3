package dev.postern.outbox.store;

import static dev.postern.outbox.store.StoreContract.DAY;
import static dev.postern.outbox.store.StoreContract.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite writer is one thread that every accept and claim waits on, so it must neither die
 * nor make anyone wait without a bound. Faults are injected through the writer's own door: a
 * piece of work that throws an {@link Error}, or one that never returns. The class timeout only
 * stops a hang from hanging the build (in a separate thread, since the hang may ignore interrupts);
 * no assertion depends on how long anything took.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SqliteWriterTest {
    /** Long enough that a healthy write never meets it, short enough that the build does not wait. */
    private static final Duration WRITE_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    @Test
    void anErrorInAWriteFailsThatWriteAndTheWriterGoesOnCommitting() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("postern.db").toString(), 64, WRITE_TIMEOUT)) {
            assertThatThrownBy(() -> store.writer().write(c -> {
                        throw new StackOverflowError("injected");
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("StackOverflowError")
                    .hasMessageContaining("injected");

            assertThat(store.insert(StoreContract.message("after-the-error", T0), DAY)
                            .created())
                    .isTrue();
            assertThat(store.find("after-the-error")).isPresent();
            assertThat(store.writable()).isTrue();
        }
    }

    @Test
    void aWriterThatNeverAnswersFailsWritesAfterTheWriteTimeoutAndIsNotWritable() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService stuck = Executors.newSingleThreadExecutor();
        try (SqliteStore store = SqliteStore.open(dir.resolve("postern.db").toString(), 64, WRITE_TIMEOUT)) {
            try {
                Future<?> hung = stuck.submit(() -> store.writer().write(c -> {
                    started.countDown();
                    awaitQuietly(release);
                    return null;
                }));
                started.await();

                assertThatThrownBy(() -> store.insert(StoreContract.message("while-stuck", T0), DAY))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("did not take the write");
                assertThat(store.writable()).isFalse();

                release.countDown();
                assertThatThrownBy(hung::get).hasCauseInstanceOf(StoreException.class);
                assertThat(store.writable()).isTrue();
                assertThat(store.find("while-stuck"))
                        .as("a write whose caller gave up before it started is never committed")
                        .isEmpty();
                assertThat(store.insert(StoreContract.message("after", T0), DAY).created())
                        .isTrue();
            } finally {
                release.countDown(); // before the store closes, which waits for the writer
                stuck.shutdownNow();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Another process holding the write lock: the store cannot write, and says so in time. */
    @Test
    void aStoreLockedByAnotherWriterIsNotWritableUntilTheLockIsReleased() throws Exception {
        Path db = dir.resolve("postern.db");
        try (SqliteStore store = SqliteStore.open(db.toString(), 64, WRITE_TIMEOUT);
                Connection operator = SqliteStore.connect("jdbc:sqlite:" + db);
                Statement s = operator.createStatement()) {
            // Its first write may outlast the short write timeout on a loaded machine (a cold JIT).
            org.awaitility.Awaitility.await().until(store::writable);
            s.execute("BEGIN EXCLUSIVE");

            assertThat(store.writable()).isFalse();
            assertThatThrownBy(() -> store.insert(StoreContract.message("locked-out", T0), DAY))
                    .isInstanceOf(StoreException.class);

            s.execute("COMMIT");
            org.awaitility.Awaitility.await().until(store::writable);
            assertThat(store.insert(StoreContract.message("after", T0), DAY).created())
                    .isTrue();
        }
    }
}

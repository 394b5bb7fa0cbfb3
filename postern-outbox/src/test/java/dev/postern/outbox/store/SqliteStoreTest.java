package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest implements StoreContract {

    @Override
    public Store open(Path dir) {
        return Store.open("sqlite:" + dir.resolve("postern.db"), 64);
    }

    @Override
    public Connection connect(Path dir) throws SQLException {
        return SqliteStore.connect("jdbc:sqlite:" + dir.resolve("postern.db"));
    }

    @Override
    public Connection connectBeforeSubmitters(Path dir) throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("postern.db");
        Flyway.configure()
                .dataSource(url, "", "")
                .locations("classpath:db/migration/sqlite")
                .target("1")
                .load()
                .migrate();
        return DriverManager.getConnection(url);
    }

    @Test
    void databaseRunsInWalModeWithFullSync(@TempDir Path dir) throws Exception {
        try (Store store = open(dir);
                Connection c = SqliteStore.connect("jdbc:sqlite:" + dir.resolve("postern.db"));
                Statement s = c.createStatement()) {
            assertThat(store.pending()).isZero();
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "synchronous")).isEqualTo("2"); // FULL
        }
    }

    @Test
    void aFreshStoreItsWalAndItsNewFolderAreTheOwnersAlone(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        Path folder = dir.resolve("data");
        try (Store store = Store.open("sqlite:" + folder.resolve("postern.db"), 64)) {
            store.insert(StoreContract.message("m1", StoreContract.T0), StoreContract.DAY); // writes the WAL

            assertThat(mode(folder)).isEqualTo("rwx------");
            for (String name : List.of("postern.db", "postern.db-wal", "postern.db-shm")) {
                assertThat(mode(folder.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void claimingReadsOnlyThePendingIndexSoItStaysFastWithMillionsOfDeliveredRows(@TempDir Path dir) {
        try (SqliteStore store = SqliteStore.open(dir.resolve("postern.db").toString(), 64)) {
            assertThat(store.claimPlan())
                    .contains("USING INDEX messages_pending_due")
                    .doesNotContain("TEMP B-TREE");
        }
    }

    @Test
    void storeThatCannotBeCreatedFailsWithTheReason(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        java.nio.file.Files.writeString(blocker, "not a directory");
        assertThatThrownBy(() -> open(blocker))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the SQLite store");
    }

    @Test
    void closedStoreRefusesWritesWithAStoreException(@TempDir Path dir) {
        Store store = open(dir);
        store.close();
        assertThatThrownBy(() -> store.insert(StoreContract.message("m", T0), DAY))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    /**
     * A full disk: SQLite rolls the writer's transaction back by itself. The write fails and is not
     * stored, and once space is back the next write commits, answered as it really went.
     */
    @Test
    void aWriteOntoAFullDiskFailsUnstoredAndWritesSucceedOnceSpaceIsBack(@TempDir Path dir) throws Exception {
        int maxPages = 400;
        Path db = dir.resolve("postern.db");
        try (Store store = Store.open("sqlite:" + db + "?max_page_count=" + maxPages, 64);
                Connection operator = SqliteStore.connect("jdbc:sqlite:" + db);
                Statement s = operator.createStatement()) {
            store.insert(StoreContract.message("before", T0), DAY);
            s.execute("PRAGMA max_page_count = " + maxPages);
            s.execute("CREATE TABLE ballast (b BLOB)");
            for (int size : new int[] {16384, 256}) {
                assertThatThrownBy(() -> {
                            for (int i = 0; i < 100_000; i++) {
                                s.execute("INSERT INTO ballast VALUES (zeroblob(" + size + "))");
                            }
                        })
                        .hasMessageContaining("full");
            }
            NewMessage bulky = new NewMessage(
                    "during",
                    T0,
                    "key-1",
                    "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[64 * 1024],
                    null);

            assertThatThrownBy(() -> store.insert(bulky, DAY)).isInstanceOf(StoreException.class);
            assertThat(store.find("during")).isEmpty();

            s.execute("DROP TABLE ballast");
            assertThat(store.insert(bulky, DAY).created()).isTrue();
            store.insert(StoreContract.message("after", T0), DAY);
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM messages")) {
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
            assertThat(store.find("during")).isPresent();
        }
    }

    private static String pragma(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest implements StoreContract {

    @Override
    public Store open(Path dir) {
        return Store.open("sqlite:" + dir.resolve("postern.db"), 64);
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

    private static String pragma(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}

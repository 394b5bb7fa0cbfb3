package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresStoreTest implements StoreContract {
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    @Override
    public Store open(Path dir) {
        return Store.open(DATABASES.computeIfAbsent(dir, d -> TestDatabases.create()), 8);
    }

    @Override
    public Connection connect(Path dir) throws SQLException {
        return TestDatabases.connect(DATABASES.computeIfAbsent(dir, d -> TestDatabases.create()));
    }

    @Override
    public Connection connectBeforeSubmitters(Path dir) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(DATABASES.computeIfAbsent(dir, d -> TestDatabases.create()));
        Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations("classpath:db/migration/postgresql")
                .target("2")
                .load()
                .migrate();
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    @Test
    void storesOnOneDatabaseNeverClaimTheSameMessageTwice(@TempDir Path dir) throws Exception {
        try (Store a = open(dir);
                Store b = open(dir)) {
            for (int i = 0; i < 200; i++) {
                a.insert(StoreContract.message("m" + i, T0), DAY);
            }
            var pool = Executors.newFixedThreadPool(8);
            List<Future<List<Claimed>>> claims = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> (i % 2 == 0 ? a : b).claim(T0, 10, "o" + i, DAY)))
                    .toList();
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<List<Claimed>> claim : claims) {
                for (Claimed c : claim.get()) {
                    assertThat(seen.add(c.id())).as("claimed twice: " + c.id()).isTrue();
                    total++;
                }
            }
            pool.shutdown();
            assertThat(total).isEqualTo(200);
        }
    }

    @Test
    void gatewaysSharingTheOutboundQueueNeverClaimTheSameEventTwice(@TempDir Path dir) throws Exception {
        try (Store a = open(dir);
                Store b = open(dir)) {
            List<dev.postern.provider.event.DeliveryEvent> events = IntStream.range(0, 100)
                    .mapToObj(i -> EventStoreContract.event(
                            "e" + i, dev.postern.provider.event.DeliveryEventType.OPENED, "a@example.com", null, null))
                    .toList();
            a.events().recordEvents("primary", events, T0, true);
            var pool = Executors.newFixedThreadPool(8);
            List<Future<List<EventDelivery>>> claims = IntStream.range(0, 20)
                    .mapToObj(
                            i -> pool.submit(() -> (i % 2 == 0 ? a : b).events().claimDeliveries(T0, 10, "o" + i, DAY)))
                    .toList();
            Set<String> seen = new HashSet<>();
            for (Future<List<EventDelivery>> claim : claims) {
                for (EventDelivery d : claim.get()) {
                    assertThat(seen.add(d.event().id()))
                            .as("claimed twice: " + d.event().id())
                            .isTrue();
                }
            }
            pool.shutdown();
            assertThat(seen).hasSize(100);
        }
    }

    /**
     * Leases run on the database's clock: an instance whose own clock is 80 s ahead cannot take a
     * message another instance is still sending, however late it believes it is.
     */
    @Test
    void anInstanceWhoseClockIsAheadCannotTakeAMessageStillBeingSent(@TempDir Path dir) {
        try (Store a = open(dir);
                Store b = open(dir)) {
            Instant now = Instant.now();
            a.insert(StoreContract.message("m1", now), DAY);
            assertThat(a.claim(now, 10, "a", Duration.ofSeconds(60))).hasSize(1);

            Instant ahead = now.plusSeconds(80);
            assertThat(b.claim(ahead, 10, "b", Duration.ofSeconds(60))).isEmpty();
            assertThat(b.renew(List.of("m1"), "a", ahead, Duration.ofSeconds(60)))
                    .isEqualTo(1);
            assertThat(b.claim(ahead.plusSeconds(60), 10, "b", Duration.ofSeconds(60)))
                    .isEmpty();
            assertThat(b.find("m1").orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
        }
    }

    /**
     * Accepts without an idempotency key are committed in groups, one transaction for as many as
     * arrive together; a message that cannot be stored (here: an id already taken) fails alone, and
     * every other caller is answered only once its message is stored.
     */
    @Test
    void concurrentAcceptsShareCommitsAndOneThatCannotBeStoredFailsAlone(@TempDir Path dir) throws Exception {
        try (Store store = open(dir)) {
            store.insert(StoreContract.message("taken", T0), DAY);
            var pool = Executors.newFixedThreadPool(32);
            List<Future<Accepted>> accepts = IntStream.range(0, 640)
                    .mapToObj(i -> pool.submit(
                            () -> store.insert(StoreContract.message(i == 321 ? "taken" : "m" + i, T0), DAY)))
                    .toList();
            int stored = 0;
            int failed = 0;
            for (Future<Accepted> accept : accepts) {
                try {
                    String id = accept.get().id();
                    assertThat(store.find(id))
                            .as("answered but not stored: " + id)
                            .isPresent();
                    stored++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class);
                    failed++;
                }
            }
            pool.shutdown();
            assertThat(failed).isEqualTo(1);
            assertThat(stored).isEqualTo(639);
            assertThat(store.pending()).isEqualTo(640);
            assertThat(transactionsThatInserted(dir))
                    .as("transactions for 639 accepts")
                    .isLessThan(639);
        }
    }

    @Test
    void concurrentSettlesShareCommitsAndALostClaimStillSettlesNothing(@TempDir Path dir) throws Exception {
        try (Store store = open(dir)) {
            for (int i = 0; i < 320; i++) {
                store.insert(StoreContract.message("m" + i, T0), DAY);
            }
            assertThat(store.claim(T0, 320, "owner", Duration.ofMinutes(5))).hasSize(320);
            var pool = Executors.newFixedThreadPool(32);
            List<Future<Boolean>> settles = IntStream.range(0, 320)
                    .mapToObj(i -> pool.submit(() -> store.settle(
                            "m" + i,
                            "owner",
                            i == 160 ? 7 : 1, // a round that lost its claim
                            List.of(StoreContract.attempt("p", T0, "accepted")),
                            new Settlement.Delivered(T0, "p", "p-" + i, "ok"))))
                    .toList();
            for (int i = 0; i < 320; i++) {
                assertThat(settles.get(i).get()).as("settled m" + i).isEqualTo(i != 160);
                assertThat(store.find("m" + i).orElseThrow().attempts()).hasSize(1);
            }
            pool.shutdown();
            assertThat(store.find("m160").orElseThrow().status()).isEqualTo(MessageStatus.SENDING);
            assertThat(store.find("m161").orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(transactionsThatLastWrote(dir, "attempts"))
                    .as("transactions for 320 settles")
                    .isLessThan(320);
        }
    }

    /** Each row's {@code xmin} is the transaction that last wrote it. */
    private static long transactionsThatLastWrote(Path dir, String table) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(DATABASES.get(dir));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                var rs = c.createStatement().executeQuery("SELECT count(DISTINCT xmin::text) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each row's {@code xmin} is the transaction that inserted it. */
    private static long transactionsThatInserted(Path dir) throws SQLException {
        PostgresUrl url = PostgresUrl.parse(DATABASES.get(dir));
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                var rs = c.createStatement()
                        .executeQuery("SELECT count(DISTINCT xmin::text) FROM messages WHERE id <> 'taken'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void idempotencyKeyAcceptedOnTwoInstancesAtOnceStoresOneMessage(@TempDir Path dir) throws Exception {
        try (Store a = open(dir);
                Store b = open(dir)) {
            var pool = Executors.newFixedThreadPool(8);
            var accepts = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(
                            () -> (i % 2 == 0 ? a : b).insert(StoreContract.message("m" + i, T0, "key"), DAY)))
                    .toList();
            Set<String> ids = new HashSet<>();
            for (var accept : accepts) {
                ids.add(accept.get().id());
            }
            pool.shutdown();
            assertThat(ids).hasSize(1);
        }
    }

    @Test
    void locationWithoutDatabaseFailsWithTheReasonAndNoPassword() {
        assertThatThrownBy(() -> Store.open("postgresql://me:s3cret@127.0.0.1:5432/", 8))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("database is missing")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void unreachableDatabaseFailsWithoutShowingThePassword() {
        String location = "postgresql://me:s3cret@" + TestPostgres.server().hostAndPort() + "/postern_no_such_db";
        assertThatThrownBy(() -> Store.open(location, 8))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the PostgreSQL store")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void sqliteHasNoClusterAndPostgresHasOne(@TempDir Path dir) {
        try (Store store = open(dir)) {
            assertThat(store.cluster()).isPresent();
        }
    }
}

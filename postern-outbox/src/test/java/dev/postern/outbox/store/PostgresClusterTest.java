package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    private static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    @Test
    void instancesAreLiveWhileTheirHeartbeatIsRecentAndGoneWhenTheyLeave() throws SQLException {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Cluster ca = a.cluster().orElseThrow();
            ca.heartbeat(new Cluster.Instance("a", "host-a", "1", T0, T0));
            b.cluster().orElseThrow().heartbeat(new Cluster.Instance("b", "host-b", "1", T0, T0));
            assertThat(ca.instances(DEAD_AFTER))
                    .extracting(Cluster.Instance::id)
                    .containsExactly("a", "b");

            silence(db, "b", Duration.ofSeconds(11));
            assertThat(ca.instances(DEAD_AFTER))
                    .extracting(Cluster.Instance::id)
                    .containsExactly("a");
            ca.leave("a");
            assertThat(ca.instances(DEAD_AFTER)).isEmpty();
        }
    }

    /** The heartbeat is the database's time: an instance whose clock is 11 months behind is alive. */
    @Test
    void aHeartbeatIsStampedByTheDatabaseWhateverTheInstancesClockSays() {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4)) {
            Cluster cluster = a.cluster().orElseThrow();
            cluster.heartbeat(new Cluster.Instance("behind", "host", "1", T0, T0));
            cluster.heartbeat(
                    new Cluster.Instance("ahead", "host", "1", T0, Instant.now().plus(Duration.ofDays(1))));

            assertThat(cluster.instances(DEAD_AFTER))
                    .extracting(Cluster.Instance::id)
                    .containsExactlyInAnyOrder("behind", "ahead");
            assertThat(cluster.releaseDead(DEAD_AFTER)).isEmpty();
        }
    }

    @Test
    void claimsOfAnInstanceSilentForLongerThanDeadAfterAreDueAtOnceAndItCannotSettleThem() throws SQLException {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Instant now = Instant.now();
            for (String id : List.of("m1", "m2", "m3")) {
                a.insert(StoreContract.message(id, now), StoreContract.DAY);
            }
            a.cluster().orElseThrow().heartbeat(new Cluster.Instance("a", "host-a", "1", now, now));
            b.cluster().orElseThrow().heartbeat(new Cluster.Instance("b", "host-b", "1", now, now));
            assertThat(a.claim(now, 2, "a", Duration.ofMinutes(2))).hasSize(2);
            assertThat(b.claim(now, 2, "b", Duration.ofMinutes(2))).hasSize(1);
            Cluster survivor = b.cluster().orElseThrow();
            assertThat(survivor.releaseDead(DEAD_AFTER)).isEmpty();

            silence(db, "a", Duration.ofSeconds(11));
            assertThat(survivor.releaseDead(DEAD_AFTER)).isEqualTo(Map.of("a", 2));
            assertThat(survivor.releaseDead(DEAD_AFTER)).isEmpty(); // forgotten: released once

            List<Claimed> again = b.claim(now, 10, "b", Duration.ofMinutes(2));
            assertThat(again).extracting(Claimed::id).containsExactlyInAnyOrder("m1", "m2");
            assertThat(again).allSatisfy(c -> assertThat(c.round()).isEqualTo(2));
            // the instance was only paused: it comes back, and cannot record an outcome any more
            a.cluster().orElseThrow().heartbeat(new Cluster.Instance("a", "host-a", "1", now, now));
            assertThat(a.settle(
                            "m1",
                            "a",
                            1,
                            List.of(StoreContract.attempt("p", now, "accepted")),
                            new Settlement.Delivered(now, "p", "p-1", "accepted")))
                    .isFalse();
            assertThat(b.settle("m1", "b", 2, List.of(), new Settlement.Delivered(now, "p", "p-2", "accepted")))
                    .isTrue();
            assertThat(b.find("m1").orElseThrow().attempts())
                    .singleElement()
                    .satisfies(
                            attempt -> assertThat(attempt.possibleDuplicate()).isTrue());
        }
    }

    @Test
    void twoInstancesFindingTheSameDeathAtOnceReleaseItOnce() throws Exception {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Instant now = Instant.now();
            for (int i = 0; i < 20; i++) {
                a.insert(StoreContract.message("m" + i, now), StoreContract.DAY);
            }
            a.cluster().orElseThrow().heartbeat(new Cluster.Instance("dead", "host", "1", now, now));
            a.claim(now, 20, "dead", Duration.ofMinutes(2));
            silence(db, "dead", Duration.ofSeconds(30));

            List<Map<String, Integer>> found;
            try (var pool = Executors.newFixedThreadPool(4)) {
                found = pool
                        .invokeAll(List.<java.util.concurrent.Callable<Map<String, Integer>>>of(
                                () -> a.cluster().orElseThrow().releaseDead(DEAD_AFTER),
                                () -> b.cluster().orElseThrow().releaseDead(DEAD_AFTER),
                                () -> a.cluster().orElseThrow().releaseDead(DEAD_AFTER),
                                () -> b.cluster().orElseThrow().releaseDead(DEAD_AFTER)))
                        .stream()
                        .map(f -> {
                            try {
                                return f.get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList();
            }
            assertThat(found.stream().filter(m -> !m.isEmpty())).containsExactly(Map.of("dead", 20));
            assertThat(b.claim(now, 50, "b", Duration.ofMinutes(2))).hasSize(20);
        }
    }

    /** Makes instance {@code id} look silent for {@code silence}, as a killed or paused process would. */
    static void silence(String db, String id, Duration silence) throws SQLException {
        try (Connection c = TestDatabases.connect(db);
                PreparedStatement age =
                        c.prepareStatement("UPDATE instances SET heartbeat_at = heartbeat_at - ? WHERE id = ?")) {
            age.setLong(1, silence.toMillis());
            age.setString(2, id);
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void drainMadeThroughOneStoreIsSeenThroughAnother() {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            a.cluster().orElseThrow().drain("emailr", "a", T0);
            a.cluster().orElseThrow().drain("emailr", "a", T0);
            assertThat(b.cluster().orElseThrow().drained()).containsExactly("emailr");
            assertThat(b.cluster().orElseThrow().undrain("emailr")).isTrue();
            assertThat(b.cluster().orElseThrow().undrain("emailr")).isFalse();
            assertThat(a.cluster().orElseThrow().drained()).isEmpty();
        }
    }

    @Test
    void budgetTakenFromManyThreadsOnTwoStoresNeverExceedsTheLimitInAWindow() throws Exception {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 8);
                Store b = Store.open(db, 8)) {
            AtomicInteger taken = new AtomicInteger();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 100; i++) {
                    Store store = i % 2 == 0 ? a : b;
                    pool.submit(() -> {
                        if (store.cluster().orElseThrow().take("emailr", 1000, 40, 1, T0)) {
                            taken.incrementAndGet();
                        }
                    });
                }
            }
            assertThat(taken).hasValue(40);
            Cluster cluster = a.cluster().orElseThrow();
            assertThat(cluster.take("emailr", 1000, 40, 1, T0.plusMillis(999))).isFalse();
            cluster.giveBack("emailr", 1000, 2, T0);
            assertThat(cluster.take("emailr", 1000, 40, 2, T0)).isTrue();
            assertThat(cluster.take("emailr", 1000, 40, 1, T0.plusSeconds(1))).isTrue();
            assertThat(cluster.take("other", 1000, 1, 2, T0)).isFalse();
        }
    }
}

package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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

    @Test
    void instancesAreLiveWhileTheirHeartbeatIsRecentAndGoneWhenTheyLeave() {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Cluster ca = a.cluster().orElseThrow();
            ca.heartbeat(new Cluster.Instance("a", "host-a", "1", T0, T0));
            b.cluster().orElseThrow().heartbeat(new Cluster.Instance("b", "host-b", "1", T0, T0.plusSeconds(5)));
            ca.heartbeat(new Cluster.Instance("a", "host-a", "1", T0, T0.plusSeconds(6)));

            assertThat(ca.instances(T0.plusSeconds(5)))
                    .extracting(Cluster.Instance::id)
                    .containsExactly("a", "b");
            assertThat(ca.instances(T0.plusSeconds(6)))
                    .extracting(Cluster.Instance::id)
                    .containsExactly("a");
            ca.leave("a");
            assertThat(ca.instances(T0)).extracting(Cluster.Instance::id).containsExactly("b");
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

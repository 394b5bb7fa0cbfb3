package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The cluster's drill, scheduled-drill claims and provider views, through two stores on one database. */
class PostgresClusterDrillsTest {
    /** Instances heard from within this long are live, as with the default {@code cluster.dead_after}. */
    static final Duration LIVE = Duration.ofSeconds(10);

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @AfterAll
    static void dropDatabases() {
        TestDatabases.dropAll();
    }

    static Cluster.Drill drill(String id, String instance, Instant start, Duration length) {
        return new Cluster.Drill(id, "emailr", instance, start, start.plus(length));
    }

    @Test
    void oneDrillHoldsTheClusterUntilItEndsOrItsDeadlinePasses() {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Cluster ca = a.cluster().orElseThrow();
            Cluster cb = b.cluster().orElseThrow();
            Cluster.Drill first = drill("d1", "a", T0, Duration.ofMinutes(10));

            assertThat(ca.startDrill(first, T0)).isEqualTo(first);
            assertThat(cb.startDrill(drill("d2", "b", T0.plusSeconds(1), Duration.ofMinutes(1)), T0.plusSeconds(1)))
                    .isEqualTo(first);
            assertThat(cb.drill(T0.plusSeconds(1))).contains(first);

            ca.endDrill("d1");
            ca.endDrill("d1");
            assertThat(cb.drill(T0.plusSeconds(2))).isEmpty();

            // an instance that died mid-drill never ends it: past its deadline the row holds nothing
            Cluster.Drill orphan = drill("d3", "a", T0.plusSeconds(3), Duration.ofMinutes(1));
            assertThat(ca.startDrill(orphan, T0.plusSeconds(3))).isEqualTo(orphan);
            Instant after = orphan.until();
            assertThat(cb.drill(after)).isEmpty();
            Cluster.Drill next = drill("d4", "b", after, Duration.ofMinutes(1));
            assertThat(cb.startDrill(next, after)).isEqualTo(next);
        }
    }

    @Test
    void aScheduledDrillTimeIsClaimedByOneOfManyConcurrentCallers() throws Exception {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4);
                var pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Cluster c = (i % 2 == 0 ? a : b).cluster().orElseThrow();
                String instance = "i" + i;
                claims.add(pool.submit((Callable<Boolean>) () -> c.claimDrillSlot(T0, instance)));
            }
            int won = 0;
            for (Future<Boolean> claim : claims) {
                won += claim.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(a.cluster().orElseThrow().claimDrillSlot(T0.plus(Duration.ofDays(7)), "i0"))
                    .isTrue();
        }
    }

    @Test
    void viewsAreShownForLiveInstancesOnlyAndReplacedWhenPublishedAgain() throws Exception {
        String db = TestDatabases.create();
        try (Store a = Store.open(db, 4);
                Store b = Store.open(db, 4)) {
            Cluster ca = a.cluster().orElseThrow();
            Cluster cb = b.cluster().orElseThrow();
            ca.heartbeat(new Cluster.Instance("a", "host-a", "1", T0, T0));
            cb.heartbeat(new Cluster.Instance("b", "host-b", "1", T0, T0.plusSeconds(1)));
            ca.publish("a", List.of(new Cluster.ProviderView("a", "emailr", "available", "closed", T0)));
            cb.publish("b", List.of(new Cluster.ProviderView("b", "emailr", "open", "open", T0)));
            cb.publish("b", List.of(new Cluster.ProviderView("b", "emailr", "available", "half_open", T0)));

            assertThat(ca.views(LIVE))
                    .extracting(v -> v.instance() + " " + v.breaker())
                    .containsExactly("a closed", "b half_open");
            PostgresClusterTest.silence(db, "a", Duration.ofMinutes(1));
            assertThat(ca.views(LIVE))
                    .extracting(Cluster.ProviderView::instance)
                    .containsExactly("b");
            ca.leave("a");
            cb.publish("b", List.of(new Cluster.ProviderView("b", "emailr", "available", "closed", T0)));
            assertThat(cb.views(LIVE))
                    .extracting(Cluster.ProviderView::instance)
                    .containsExactly("b");
        }
    }
}

package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private final FakeTime time = new FakeTime();

    private Postern.Builder postern() {
        return Postern.builder().clock(time).scheduler(time);
    }

    private static List<String> firstProviders(Postern postern, int sends) {
        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < sends; i++) {
            SendResult result = postern.send(Mail.receipt());
            firsts.add(result.attempts().getFirst().provider());
        }
        return firsts;
    }

    private static Map<String, Integer> countsIn(List<String> picks) {
        Map<String, Integer> counts = new TreeMap<>();
        picks.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts;
    }

    @Test
    void priorityStrategySendsEverythingToTheLowestPriorityNumber() {
        var first = ScriptedProvider.accepting("a");
        var second = ScriptedProvider.accepting("b");
        try (Postern postern = postern()
                .provider("second", second, ProviderConfig.DEFAULTS.withPriority(2))
                .provider("first", first, ProviderConfig.DEFAULTS.withPriority(1))
                .build()) {
            assertThat(firstProviders(postern, 5)).containsOnly("first");
            assertThat(second.sends()).isZero();
        }
    }

    @Test
    void providersAddedWithoutConfigAreTriedInTheOrderTheyWereAdded() {
        var down = ScriptedProvider.accepting("a").always(new SendOutcome.Unavailable("503"));
        try (Postern postern = postern()
                .provider("one", down)
                .provider("two", ScriptedProvider.accepting("b"))
                .provider("three", ScriptedProvider.accepting("c"))
                .build()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.attempts()).extracting(a -> a.provider()).containsExactly("one", "two");
            assertThat(result.provider()).contains("two");
        }
    }

    @Test
    void weights70And30GiveExactly7And3OfEvery10Sends() {
        try (Postern postern = postern()
                .provider("big", ScriptedProvider.accepting("a"), ProviderConfig.DEFAULTS.withWeight(70))
                .provider("small", ScriptedProvider.accepting("b"), ProviderConfig.DEFAULTS.withWeight(30))
                .routing(RoutingConfig.DEFAULTS.withStrategy(Strategy.WEIGHTED))
                .build()) {
            List<String> picks = firstProviders(postern, 100);

            for (int window = 0; window + 10 <= picks.size(); window++) {
                assertThat(countsIn(picks.subList(window, window + 10)))
                        .as("sends %d..%d", window, window + 9)
                        .containsExactlyEntriesOf(new TreeMap<>(Map.of("big", 7, "small", 3)));
            }
        }
    }

    @Test
    void weightedPicksInterleaveRatherThanRunInBlocks() {
        try (Postern postern = postern()
                .provider("a", ScriptedProvider.accepting("a"), ProviderConfig.DEFAULTS.withWeight(1))
                .provider("b", ScriptedProvider.accepting("b"), ProviderConfig.DEFAULTS.withWeight(1))
                .routing(RoutingConfig.DEFAULTS.withStrategy(Strategy.WEIGHTED))
                .build()) {
            assertThat(firstProviders(postern, 6)).containsExactly("a", "b", "a", "b", "a", "b");
        }
    }

    @Test
    void weightsRenormaliseOverTheProvidersThatRemainAvailable() {
        try (Postern postern = postern()
                .provider("a", ScriptedProvider.accepting("a"), ProviderConfig.DEFAULTS.withWeight(50))
                .provider("b", ScriptedProvider.accepting("b"), ProviderConfig.DEFAULTS.withWeight(30))
                .provider("c", ScriptedProvider.accepting("c"), ProviderConfig.DEFAULTS.withWeight(20))
                .routing(RoutingConfig.DEFAULTS.withStrategy(Strategy.WEIGHTED))
                .build()) {
            firstProviders(postern, 3);
            postern.drain("b");

            List<String> picks = firstProviders(postern, 70);

            assertThat(countsIn(picks)).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 50, "c", 20)));
            assertThat(countsIn(picks.subList(0, 7))).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 5, "c", 2)));
        }
    }

    @Test
    void afterTheWeightedPickTheOthersFollowInPriorityOrder() {
        var failing = new SendOutcome.Unavailable("down");
        try (Postern postern = postern()
                .provider(
                        "p3",
                        ScriptedProvider.accepting("a").always(failing),
                        ProviderConfig.DEFAULTS.withPriority(3).withWeight(1))
                .provider(
                        "p1",
                        ScriptedProvider.accepting("b").always(failing),
                        ProviderConfig.DEFAULTS.withPriority(1).withWeight(1))
                .provider(
                        "p2",
                        ScriptedProvider.accepting("c").always(failing),
                        ProviderConfig.DEFAULTS.withPriority(2).withWeight(100))
                .routing(RoutingConfig.DEFAULTS.withStrategy(Strategy.WEIGHTED))
                .build()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.attempts()).extracting(a -> a.provider()).containsExactly("p2", "p1", "p3");
        }
    }

    @Test
    void aSendTriesAtMostMaxAttemptsProviders() {
        var failing = new SendOutcome.Unavailable("down");
        var fourth = ScriptedProvider.accepting("d");
        try (Postern postern = postern()
                .provider("a", ScriptedProvider.accepting("a").always(failing))
                .provider("b", ScriptedProvider.accepting("b").always(failing))
                .provider("c", ScriptedProvider.accepting("c").always(failing))
                .provider("d", fourth)
                .routing(RoutingConfig.DEFAULTS.withMaxAttempts(3))
                .build()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(SendResult.Status.DEFERRED);
            assertThat(result.attempts()).hasSize(3);
            assertThat(fourth.sends()).isZero();
        }
    }

    @Test
    void drainedProviderGetsNoAttemptsUntilUndrained() {
        var primary = ScriptedProvider.accepting("a");
        try (Postern postern = postern()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("b"))
                .build()) {
            postern.drain("primary");
            assertThat(firstProviders(postern, 3)).containsOnly("backup");
            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.DRAINED);

            postern.undrain("primary");
            assertThat(firstProviders(postern, 1)).containsOnly("primary");
            assertThat(primary.sends()).isEqualTo(1);
        }
    }

    @Test
    void providerInADrillIsSkippedAndItsBreakerShowsForcedOpen() {
        var primary = ScriptedProvider.accepting("a");
        try (Postern postern = postern()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("b"))
                .build()) {
            postern.beginDrill("primary");
            assertThat(firstProviders(postern, 2)).containsOnly("backup");
            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.DRILL);
            assertThat(postern.providers().getFirst().breaker().wireName()).isEqualTo("forced_open");

            postern.endDrill("primary");
            assertThat(firstProviders(postern, 1)).containsOnly("primary");
        }
    }

    @Test
    void withEveryProviderOutTheMessageIsDeferredWithoutAnyAttempt() {
        try (Postern postern =
                postern().provider("a", ScriptedProvider.accepting("a")).build()) {
            postern.drain("a");
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(SendResult.Status.DEFERRED);
            assertThat(result.attempts()).isEmpty();
        }
    }
}

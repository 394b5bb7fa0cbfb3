package dev.postern.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.event.PosternEvent;
import dev.postern.provider.HealthResult;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.ProviderState;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Later than any jittered probe (interval + 10 %). */
    private static final Duration ONE_ROUND = Duration.ofSeconds(33);

    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");

    private Postern postern() {
        return postern(HealthCheckConfig.DEFAULTS);
    }

    private Postern postern(HealthCheckConfig health) {
        return Postern.builder()
                .provider(
                        "primary",
                        primary,
                        ProviderConfig.DEFAULTS.withPriority(1).withHealthCheck(health))
                .provider("backup", backup, ProviderConfig.DEFAULTS.withPriority(2))
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .random(new Random(7))
                .build();
    }

    private static ProviderState stateOfPrimary(Postern postern) {
        return postern.providers().getFirst().state();
    }

    @Test
    void providerFailingTwoProbesIsUnhealthyAndGetsNoSends() {
        primary.healthAlways(HealthResult.down("connection refused"));
        try (Postern postern = postern()) {
            time.advance(ONE_ROUND);
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.AVAILABLE);

            time.advance(ONE_ROUND);
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.UNHEALTHY);
            for (int i = 0; i < 10; i++) {
                assertThat(postern.send(Mail.receipt()).provider()).contains("backup");
            }

            assertThat(primary.sends()).isZero();
            assertThat(events)
                    .filteredOn(PosternEvent.ProviderUnhealthy.class::isInstance)
                    .singleElement()
                    .extracting(PosternEvent::detail)
                    .isEqualTo("primary is unhealthy: connection refused");
        }
    }

    @Test
    void anOpenBreakerTriesAgainAtTheFirstPassingProbeRatherThanAfterItsOpenDuration() {
        primary.then(
                new SendOutcome.Unavailable("503"),
                new SendOutcome.Unavailable("503"),
                new SendOutcome.Unavailable("503"),
                new SendOutcome.Unavailable("503"),
                new SendOutcome.Unavailable("503"));
        try (Postern postern = postern()) {
            for (int i = 0; i < 5; i++) {
                assertThat(postern.send(Mail.receipt()).provider()).contains("backup");
            }
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.OPEN);

            time.advance(ONE_ROUND); // a probe passes, well before the 60 s open duration ends

            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.AVAILABLE);
            assertThat(events)
                    .filteredOn(PosternEvent.ProviderRecovered.class::isInstance)
                    .singleElement()
                    .extracting(e -> e.provider().orElseThrow())
                    .isEqualTo("primary");
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
        }
    }

    @Test
    void unhealthyProviderReturnsAfterTwoPassingProbes() {
        primary.healthThen(HealthResult.down("timeout"), HealthResult.down("timeout"));
        try (Postern postern = postern()) {
            time.advance(ONE_ROUND.multipliedBy(2));
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.UNHEALTHY);

            time.advance(ONE_ROUND);
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.UNHEALTHY);
            time.advance(ONE_ROUND);

            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.AVAILABLE);
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
            assertThat(events)
                    .filteredOn(PosternEvent.ProviderRecovered.class::isInstance)
                    .hasSize(1);
        }
    }

    @Test
    void aSendMakesNoHealthCheckCall() {
        try (Postern postern = postern()) {
            primary.then(new SendOutcome.Unavailable("HTTP 503"));
            for (int i = 0; i < 50; i++) {
                postern.send(Mail.receipt());
            }

            assertThat(primary.healthChecks()).isZero();
            assertThat(backup.healthChecks()).isZero();
        }
    }

    @Test
    void probesRunOncePerIntervalSpreadByTheJitter() {
        try (Postern postern = postern()) {
            time.advance(INTERVAL.multipliedBy(9).dividedBy(10).minusMillis(1));
            assertThat(primary.healthChecks()).isZero();

            time.advance(INTERVAL.multipliedBy(2).dividedBy(10).plusMillis(2));
            assertThat(primary.healthChecks()).isEqualTo(1);
            assertThat(postern.providers().getFirst().lastHealthCheck())
                    .hasValueSatisfying(check -> assertThat(check.healthy()).isTrue());

            time.advance(Duration.ofMinutes(30));
            assertThat(primary.healthChecks()).isBetween(55, 67);
        }
    }

    @Test
    void aProbeThatThrowsCountsAsFailed() {
        ScriptedProvider throwing = new ScriptedProvider("broken").healthFrom(() -> {
            throw new IllegalStateException("adapter bug");
        });
        try (Postern postern = Postern.builder()
                .provider("broken", throwing)
                .provider("backup", backup)
                .clock(time)
                .scheduler(time)
                .build()) {
            time.advance(ONE_ROUND.multipliedBy(2));

            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.UNHEALTHY);
        }
    }

    @Test
    void misconfiguredProviderReturnsOnlyAfterProbesPassAgain() {
        primary.then(new SendOutcome.Misconfigured("HTTP 401"));
        try (Postern postern = postern()) {
            postern.send(Mail.receipt());
            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.UNHEALTHY);

            time.advance(ONE_ROUND.multipliedBy(2));

            assertThat(stateOfPrimary(postern)).isEqualTo(ProviderState.AVAILABLE);
        }
    }

    @Test
    void closingPosternStopsTheProbes() {
        Postern postern = postern();
        postern.close();

        time.advance(Duration.ofMinutes(5));

        assertThat(primary.healthChecks()).isZero();
    }
}

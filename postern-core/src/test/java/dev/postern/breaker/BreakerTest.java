package dev.postern.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.ProviderStatus;
import dev.postern.event.PosternEvent;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.ProviderState;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BreakerTest {
    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");

    private Postern postern(BreakerConfig breaker) {
        return Postern.builder()
                .provider(
                        "primary",
                        primary,
                        // probes far apart: a passing probe half-opens an open breaker early
                        // (HealthCheckTest); these tests are about the breaker on its own
                        ProviderConfig.DEFAULTS
                                .withPriority(1)
                                .withBreaker(breaker)
                                .withHealthCheck(HealthCheckConfig.DEFAULTS.withInterval(Duration.ofHours(1))))
                .provider("backup", backup, ProviderConfig.DEFAULTS.withPriority(2))
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    private static ProviderStatus primaryOf(Postern postern) {
        return postern.providers().getFirst();
    }

    private static List<String> providersTried(Postern postern) {
        return postern.send(Mail.receipt()).attempts().stream()
                .map(Attempt::provider)
                .toList();
    }

    @Test
    void breakerOpensAfterMinimumCallsFailHalfOpensAfterOpenDurationAndClosesAfterTrialCalls() {
        primary.then(
                new SendOutcome.Unavailable("HTTP 503"),
                new SendOutcome.Unavailable("HTTP 503"),
                new SendOutcome.Unavailable("HTTP 503"),
                new SendOutcome.Unavailable("HTTP 503"),
                new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = postern(BreakerConfig.DEFAULTS)) {
            for (int i = 0; i < 4; i++) {
                assertThat(providersTried(postern)).containsExactly("primary", "backup");
                assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.CLOSED);
            }
            assertThat(providersTried(postern)).containsExactly("primary", "backup");
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(primaryOf(postern).state()).isEqualTo(ProviderState.OPEN);
            assertThat(events)
                    .filteredOn(PosternEvent.BreakerOpened.class::isInstance)
                    .hasSize(1);

            time.advance(Duration.ofSeconds(60));
            assertThat(providersTried(postern)).containsExactly("backup");
            assertThat(primary.sends()).isEqualTo(5);

            time.advance(Duration.ofMillis(1)); // the open duration has passed
            assertThat(providersTried(postern)).containsExactly("primary");
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.HALF_OPEN);
            assertThat(providersTried(postern)).containsExactly("primary");
            assertThat(providersTried(postern)).containsExactly("primary");
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(primaryOf(postern).state()).isEqualTo(ProviderState.AVAILABLE);
            assertThat(events)
                    .filteredOn(PosternEvent.BreakerClosed.class::isInstance)
                    .hasSize(1);
        }
    }

    @Test
    void failedTrialCallReopensTheBreaker() {
        primary.always(new SendOutcome.Unavailable("HTTP 503"));
        BreakerConfig config = BreakerConfig.DEFAULTS
                .withWindow(4, 2)
                .withOpenDuration(Duration.ofSeconds(10))
                .withHalfOpenCalls(1);
        try (Postern postern = postern(config)) {
            providersTried(postern);
            providersTried(postern);
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.OPEN);

            time.advance(Duration.ofSeconds(10).plusMillis(1));
            assertThat(providersTried(postern)).containsExactly("primary", "backup");
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(providersTried(postern)).containsExactly("backup");
        }
    }

    @Test
    void slowAcceptedCallsOpenTheBreakerToo() {
        primary.during(() -> time.advance(Duration.ofSeconds(6)));
        try (Postern postern = postern(BreakerConfig.DEFAULTS)) {
            for (int i = 0; i < 5; i++) {
                assertThat(providersTried(postern)).containsExactly("primary");
            }

            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.OPEN);
            assertThat(providersTried(postern)).containsExactly("backup");
        }
    }

    @Test
    void rateLimitsAndMisconfigurationDoNotChargeTheBreaker() {
        BreakerConfig config = BreakerConfig.DEFAULTS.withWindow(2, 2);
        primary.always(new SendOutcome.RateLimited(Duration.ZERO, "HTTP 429"));
        try (Postern postern = postern(config)) {
            for (int i = 0; i < 5; i++) {
                providersTried(postern);
            }

            assertThat(primary.sends()).isEqualTo(5);
            assertThat(primaryOf(postern).breaker()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void configRejectsValuesOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> BreakerConfig.DEFAULTS.withFailureRateThreshold(0))
                .hasMessage("failure_rate_threshold must be in 1..100, but was 0");
        assertThatThrownBy(() -> BreakerConfig.DEFAULTS.withWindow(5, 6))
                .hasMessage("minimum_calls must be <= window (5), but was 6");
        assertThatThrownBy(() -> BreakerConfig.DEFAULTS.withOpenDuration(Duration.ZERO))
                .hasMessage("open_duration must be > 0, but was PT0S");
    }
}

package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.breaker.BreakerConfig;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Postern#availableAt()}: when some provider can next take mail, which the outbox waits for. */
class AvailabilityTest {
    private final FakeTime time = new FakeTime();

    private Postern.Builder postern() {
        return Postern.builder().clock(time).scheduler(time).eventExecutor(Runnable::run);
    }

    @Test
    void aProviderInRotationIsAvailableNow() {
        try (Postern postern =
                postern().provider("a", ScriptedProvider.accepting("a")).build()) {
            assertThat(postern.availableAt())
                    .hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(time.instant()));
        }
    }

    @Test
    void drainedOrDrilledProvidersHaveNoTimeOfReturnUntilUndrainedOrTheDrillEnds() {
        try (Postern postern = postern()
                .provider("a", ScriptedProvider.accepting("a"))
                .provider("b", ScriptedProvider.accepting("b"))
                .build()) {
            postern.drain("a");
            postern.beginDrill("b");
            assertThat(postern.availableAt()).isEmpty();

            postern.endDrill("b");
            assertThat(postern.availableAt())
                    .hasValueSatisfying(at -> assertThat(at).isBeforeOrEqualTo(time.instant()));
        }
    }

    @Test
    void aCoolingProviderIsAvailableWhenItsCoolingEndsAndTheEarliestOfSeveralCounts() {
        var a = ScriptedProvider.accepting("a").then(new SendOutcome.RateLimited(Duration.ofSeconds(90), "slow"));
        var b = ScriptedProvider.accepting("b").then(new SendOutcome.RateLimited(Duration.ofSeconds(30), "slow"));
        try (Postern postern = postern().provider("a", a).provider("b", b).build()) {
            Instant now = time.instant();
            postern.send(Mail.receipt()); // a cools for 90 s, then b for 30 s

            assertThat(postern.availableAt()).contains(now.plusSeconds(30));
        }
    }

    @Test
    void anOpenBreakerIsAvailableWhenItsOpenDurationEnds() {
        var down = ScriptedProvider.accepting("a").always(new SendOutcome.Unavailable("503"));
        BreakerConfig breaker = BreakerConfig.DEFAULTS.withOpenDuration(Duration.ofSeconds(45));
        try (Postern postern = postern()
                .provider("a", down, ProviderConfig.DEFAULTS.withBreaker(breaker))
                .build()) {
            Instant opened = null;
            for (int i = 0; i < 20 && opened == null; i++) {
                postern.send(Mail.receipt());
                if (postern.providers().getFirst().state() == ProviderState.OPEN) {
                    opened = time.instant();
                }
            }
            assertThat(opened).isNotNull();

            assertThat(postern.availableAt()).contains(opened.plusSeconds(45));
        }
    }
}

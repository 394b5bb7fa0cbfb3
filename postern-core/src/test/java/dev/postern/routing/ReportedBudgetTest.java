package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.RateLimitStatus;
import dev.postern.provider.SendOutcome;
import dev.postern.ratelimit.RateLimitConfig;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A provider's own report of its budget ({@code Provider.rateLimit()}) steers routing before any 429. */
class ReportedBudgetTest {
    private final FakeTime time = new FakeTime();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");

    private Postern postern(Strategy strategy) {
        return Postern.builder()
                .routing(RoutingConfig.DEFAULTS.withStrategy(strategy))
                .listener(events::add)
                .eventExecutor(Runnable::run)
                .clock(time)
                .scheduler(time)
                .provider("primary", primary, ProviderConfig.DEFAULTS.withPriority(1))
                .provider("backup", backup, ProviderConfig.DEFAULTS.withPriority(2))
                .build();
    }

    private RateLimitStatus reported(long remaining, Duration resetIn) {
        return RateLimitStatus.reported(
                OptionalLong.of(2),
                OptionalLong.of(remaining),
                Optional.of(time.instant().plus(resetIn)));
    }

    @Test
    void aProviderReportingNoBudgetLeftIsPassedByUntilItsResetWithoutBeingCalled() {
        try (Postern postern = postern(Strategy.PRIORITY)) {
            primary.reports(reported(0, Duration.ofSeconds(30)));

            SendResult passed = postern.send(Mail.receipt());
            time.advance(Duration.ofSeconds(30));
            SendResult back = postern.send(Mail.receipt());

            assertThat(passed.provider()).contains("backup");
            assertThat(back.provider()).contains("primary");
            assertThat(primary.sends()).isEqualTo(1);
            assertThat(backup.contexts())
                    .singleElement()
                    .satisfies(c -> assertThat(c.primaryRoute()).isFalse());
        }
    }

    @Test
    void underSpilloverAPrimaryReportingNoBudgetLeftSpillsOnThePlannedRoute() {
        try (Postern postern = postern(Strategy.PRIMARY_WITH_SPILLOVER)) {
            primary.reports(reported(0, Duration.ofSeconds(1)));

            assertThat(postern.send(Mail.receipt()).provider()).contains("backup");

            assertThat(primary.sends()).isZero();
            assertThat(backup.contexts())
                    .singleElement()
                    .satisfies(c -> assertThat(c.primaryRoute()).isTrue());
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void aProviderWithBudgetLeftOrAStaleOrResetlessReportIsTried() {
        try (Postern postern = postern(Strategy.PRIORITY)) {
            primary.reports(reported(1, Duration.ofSeconds(30)));
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");

            primary.reports(reported(0, Duration.ofSeconds(-1)));
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");

            primary.reports(RateLimitStatus.reported(OptionalLong.of(2), OptionalLong.of(0), Optional.empty()));
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
        }
    }

    @Test
    void whenEveryProviderReportsNoBudgetTheMessageIsDeferredAsAtItsLimitNotAsAnOutage() {
        try (Postern postern = postern(Strategy.PRIORITY)) {
            primary.reports(reported(0, Duration.ofSeconds(1)));
            backup.reports(reported(0, Duration.ofSeconds(1)));

            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DEFERRED);
            assertThat(result.detail())
                    .startsWith("every provider in rotation is at its rate limit: primary (reported 0 of 2 left until");
            assertThat(events).noneMatch(PosternEvent.AllProvidersDown.class::isInstance);
        }
    }

    @Test
    void anAdapterThatThrowsWhenAskedForItsBudgetIsStillTried() {
        Provider broken = new Provider() {
            @Override
            public String type() {
                return "broken";
            }

            @Override
            public SendOutcome send(Email email, AttemptContext context) {
                return new SendOutcome.Accepted("b-1");
            }

            @Override
            public HealthResult checkHealth() {
                return HealthResult.up();
            }

            @Override
            public RateLimitStatus rateLimit() {
                throw new IllegalStateException("bug");
            }
        };
        try (Postern postern = Postern.builder()
                .clock(time)
                .scheduler(time)
                .provider("broken", broken)
                .build()) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("broken");
            assertThat(postern.providers().getFirst().rateLimit()).isEqualTo(RateLimitStatus.UNKNOWN);
        }
    }

    @Test
    void statusShowsACurrentReportElseTheConfiguredLimitElseUnknown() {
        try (Postern postern = Postern.builder()
                .clock(time)
                .scheduler(time)
                .provider(
                        "primary",
                        primary,
                        ProviderConfig.DEFAULTS.withRateLimit(RateLimitConfig.NONE.withPerSecond(5)))
                .provider("backup", backup)
                .build()) {
            Instant reset = time.instant().plusSeconds(1);
            primary.reports(RateLimitStatus.reported(OptionalLong.of(2), OptionalLong.of(1), Optional.of(reset)));

            assertThat(postern.providers().get(0).rateLimit().source()).isEqualTo(RateLimitStatus.Source.REPORTED);
            assertThat(postern.providers().get(1).rateLimit()).isEqualTo(RateLimitStatus.UNKNOWN);
            time.advance(Duration.ofSeconds(1));
            assertThat(postern.providers().get(0).rateLimit()).isEqualTo(RateLimitStatus.configured(5));
        }
    }
}

package dev.postern.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.ProviderConfig;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.breaker.BreakerState;
import dev.postern.event.PosternEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.ratelimit.RateLimitConfig;
import dev.postern.testing.FakeTime;
import dev.postern.testing.LimitedProvider;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Local token buckets spend each provider's budget fully and never make it say "slow down". */
class RateLimitTest {
    private static final int OFFERED_PER_SECOND = 120;
    private static final int WARM_UP = 2;

    private final FakeTime time = new FakeTime();
    private final Instant start = time.instant();
    private final List<PosternEvent> events = new CopyOnWriteArrayList<>();

    private Postern.Builder postern(RoutingConfig routing) {
        return Postern.builder()
                .routing(routing)
                .listener(events::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time);
    }

    private static ProviderConfig limited(int priority, int perSecond) {
        return ProviderConfig.DEFAULTS
                .withPriority(priority)
                .withRateLimit(RateLimitConfig.NONE.withPerSecond(perSecond));
    }

    /**
     * Offers {@value #OFFERED_PER_SECOND} messages a second, evenly spaced, for {@code seconds}, and
     * returns who delivered each message offered after the first two seconds (while the buckets'
     * initial bursts are spent), by provider; "deferred" for the rest.
     */
    private Map<String, Integer> offer(Postern postern, int seconds, List<SendResult> steady) {
        Map<String, Integer> delivered = new TreeMap<>();
        for (long i = 1; i <= (long) OFFERED_PER_SECOND * (WARM_UP + seconds); i++) {
            Instant arrival = start.plusNanos(i * 1_000_000_000L / OFFERED_PER_SECOND);
            time.advance(Duration.between(time.instant(), arrival));
            SendResult result = postern.send(Mail.receipt());
            if (i > OFFERED_PER_SECOND * WARM_UP) {
                steady.add(result);
                delivered.merge(result.provider().orElse("deferred"), 1, Integer::sum);
            }
        }
        return delivered;
    }

    @Test
    void twoProvidersLimitedTo50And30UnderAnOfferedLoadOf120PerSecondDeliver80PerSecondWithout429s() {
        var fifty = new LimitedProvider("fifty", 50, time);
        var thirty = new LimitedProvider("thirty", 30, time);
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("fifty", fifty, limited(1, 50))
                .provider("thirty", thirty, limited(2, 30))
                .build()) {
            List<SendResult> steady = new ArrayList<>();
            Map<String, Integer> delivered = offer(postern, 10, steady);

            assertThat(delivered)
                    .containsExactlyEntriesOf(new TreeMap<>(Map.of("fifty", 500, "thirty", 300, "deferred", 400)));
            assertThat(fifty.tooManyRequests() + thirty.tooManyRequests()).isZero();
            assertThat(steady).filteredOn(r -> r.status() == Status.DEFERRED).allSatisfy(r -> {
                assertThat(r.attempts()).isEmpty();
                assertThat(r.detail())
                        .isEqualTo("every provider in rotation is at its rate limit: fifty (50/s), thirty (30/s)");
            });
            assertThat(events)
                    .noneMatch(e -> e instanceof PosternEvent.Failover || e instanceof PosternEvent.AllProvidersDown);
        }
    }

    @Test
    void primaryWithSpilloverSendsExactlyThePrimarysBudgetThereAndTheRestOnItsPlannedRoute() {
        var primary = new LimitedProvider("cheap", 50, time);
        var spill = ScriptedProvider.accepting("dear");
        try (Postern postern = postern(RoutingConfig.DEFAULTS.withStrategy(Strategy.PRIMARY_WITH_SPILLOVER))
                .provider("cheap", primary, limited(1, 50))
                .provider("dear", spill, ProviderConfig.DEFAULTS.withPriority(2))
                .build()) {
            Map<String, Integer> delivered = offer(postern, 10, new ArrayList<>());

            assertThat(delivered).containsExactlyEntriesOf(new TreeMap<>(Map.of("cheap", 500, "dear", 700)));
            assertThat(primary.tooManyRequests()).isZero();
            assertThat(spill.contexts()).allMatch(c -> c.primaryRoute() && c.attempt() == 1);
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void underPriorityAMessagePassingAProviderAtItsLimitIsOnAFailoverRoute() {
        var spill = ScriptedProvider.accepting("dear");
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("cheap", ScriptedProvider.accepting("cheap"), limited(1, 1))
                .provider("dear", spill, ProviderConfig.DEFAULTS.withPriority(2))
                .build()) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("cheap");
            assertThat(postern.send(Mail.receipt()).provider()).contains("dear");

            assertThat(spill.contexts())
                    .singleElement()
                    .satisfies(c -> assertThat(c.primaryRoute()).isFalse());
            assertThat(events).noneMatch(PosternEvent.Failover.class::isInstance);
        }
    }

    @Test
    void providerAtItsLimitIsPassedWithoutAnAttemptOrAChargeToItsBreaker() {
        var cheap = ScriptedProvider.accepting("cheap");
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("cheap", cheap, limited(1, 2))
                .provider("dear", ScriptedProvider.accepting("dear"))
                .build()) {
            for (int i = 0; i < 100; i++) {
                postern.send(Mail.receipt());
            }

            assertThat(cheap.sends()).isEqualTo(2);
            assertThat(postern.providers().getFirst().breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.AVAILABLE);

            time.advance(Duration.ofSeconds(1));
            assertThat(postern.send(Mail.receipt()).provider()).contains("cheap");
        }
    }

    @Test
    void dailyLimitHoldsAProviderBackUntilUtcMidnight() {
        var cheap = ScriptedProvider.accepting("cheap");
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("cheap", cheap, ProviderConfig.DEFAULTS.withRateLimit(RateLimitConfig.NONE.withPerDay(3)))
                .provider("dear", ScriptedProvider.accepting("dear"), ProviderConfig.DEFAULTS.withPriority(2))
                .build()) {
            for (int i = 0; i < 5; i++) {
                postern.send(Mail.receipt());
                time.advance(Duration.ofHours(1));
            }
            assertThat(cheap.sends()).isEqualTo(3);

            time.advance(Duration.ofHours(10)); // 2026-01-06T00:00Z
            assertThat(postern.send(Mail.receipt()).provider()).contains("cheap");
        }
    }

    @Test
    void aRetryAfterOfThirtyYearsCoolsTheProviderForAtMostTheMaxCooldown() {
        var primary = ScriptedProvider.accepting("primary")
                .then(new SendOutcome.RateLimited(
                        Duration.ofSeconds(999_999_999), "HTTP 429 (Retry-After: 999999999)"));
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("backup"))
                .build()) {
            assertThat(postern.send(Mail.receipt()).provider()).contains("backup");

            assertThat(postern.providers().getFirst().coolingUntil())
                    .contains(time.instant().plus(RateLimitConfig.DEFAULT_MAX_COOLDOWN));
            time.advance(RateLimitConfig.DEFAULT_MAX_COOLDOWN);
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
        }
    }

    @Test
    void aRetryAfterBeyondAnyDateNeitherThrowsNorHoldsTheMessageAndTheBoundIsConfigurable() {
        var primary = ScriptedProvider.accepting("primary")
                .then(new SendOutcome.RateLimited(Duration.ofSeconds(Long.MAX_VALUE), "far beyond any date"));
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider(
                        "primary",
                        primary,
                        ProviderConfig.DEFAULTS
                                .withPriority(1)
                                .withRateLimit(RateLimitConfig.NONE.withMaxCooldown(Duration.ofMinutes(5))))
                .provider("backup", ScriptedProvider.accepting("backup"))
                .build()) {
            SendResult result = postern.send(Mail.receipt());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("primary", "backup");
            assertThat(postern.providers().getFirst().coolingUntil())
                    .contains(time.instant().plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void providerAnswering429WithRetryAfter7GetsNoAttemptFor7SecondsAndItsBreakerStaysClosed() {
        var primary = ScriptedProvider.accepting("primary")
                .then(new SendOutcome.RateLimited(Duration.ofSeconds(7), "HTTP 429 (Retry-After: 7)"));
        var backup = ScriptedProvider.accepting("backup");
        try (Postern postern = postern(RoutingConfig.DEFAULTS)
                .provider("primary", primary)
                .provider("backup", backup)
                .build()) {
            assertThat(postern.send(Mail.receipt()).attempts())
                    .extracting(Attempt::provider)
                    .containsExactly("primary", "backup");
            List<String> firsts = new ArrayList<>();
            for (int tenth = 1; tenth < 70; tenth++) {
                time.advance(Duration.ofMillis(100));
                firsts.add(postern.send(Mail.receipt()).attempts().getFirst().provider());
                assertThat(postern.providers().getFirst().state()).isEqualTo(ProviderState.COOLING);
            }

            assertThat(firsts).containsOnly("backup");
            assertThat(primary.sends()).isEqualTo(1);
            time.advance(Duration.ofMillis(100));
            assertThat(postern.send(Mail.receipt()).provider()).contains("primary");
            assertThat(postern.providers().getFirst().breaker()).isEqualTo(BreakerState.CLOSED);
            assertThat(events)
                    .filteredOn(PosternEvent.BreakerOpened.class::isInstance)
                    .isEmpty();
        }
    }
}

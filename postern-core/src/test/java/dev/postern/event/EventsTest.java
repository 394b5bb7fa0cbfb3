package dev.postern.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.Postern;
import dev.postern.SendResult;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventsTest {
    private final FakeTime time = new FakeTime();

    @Test
    void aThrowingListenerDoesNotAffectDeliveryOrOtherListeners() {
        List<PosternEvent> seen = new CopyOnWriteArrayList<>();
        var primary = ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = Postern.builder()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("backup"))
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(event -> {
                    throw new AssertionError("listener assertion");
                })
                .listener(seen::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build()) {
            for (int i = 0; i < 6; i++) {
                SendResult result = postern.send(Mail.receipt());
                assertThat(result.status()).isEqualTo(SendResult.Status.DELIVERED);
                assertThat(result.provider()).contains("backup");
            }

            assertThat(seen).filteredOn(PosternEvent.Failover.class::isInstance).hasSize(5);
            assertThat(seen).anyMatch(PosternEvent.BreakerOpened.class::isInstance);
        }
    }

    @Test
    void aListenerThatStopsLosesEventsCountedWhileSendingAndOtherListenersGoOn() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<PosternEvent> seen = new CopyOnWriteArrayList<>();
        try (Postern postern = Postern.builder()
                .provider("primary", ScriptedProvider.accepting("primary"))
                .listener("stuck", event -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .listener("seen", seen::add)
                .eventQueueCapacity(100)
                .clock(time)
                .scheduler(time)
                .build()) {
            assertThat(postern.send(Mail.receipt()).status()).isEqualTo(SendResult.Status.DELIVERED);
            entered.await(); // the stuck listener holds the first event; its queue is empty

            for (int i = 0; i < 149; i++) {
                assertThat(postern.send(Mail.receipt()).status()).isEqualTo(SendResult.Status.DELIVERED);
            }

            // 100 wait in its queue, the other 49 were dropped, and sending never waited for it
            assertThat(postern.droppedEvents()).containsEntry("stuck", 49L);
            // every other listener hears each attempt, unless it too fell behind and counted the loss
            await().until(() -> seen.stream()
                                    .filter(PosternEvent.Attempted.class::isInstance)
                                    .count()
                            + postern.droppedEvents().get("seen")
                    == 150);
            release.countDown();
        }
    }

    @Test
    void everyAttemptIsPublishedWithItsProviderOutcomeLatencyAndMessageId() {
        List<PosternEvent> seen = new CopyOnWriteArrayList<>();
        var primary = ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("HTTP 503"));
        try (Postern postern = Postern.builder()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("backup"))
                .listener(seen::add)
                .eventExecutor(Runnable::run)
                .clock(time)
                .scheduler(time)
                .build()) {
            SendResult result = postern.send(Mail.receipt(), "order-42");

            assertThat(result.status()).isEqualTo(SendResult.Status.DELIVERED);
            assertThat(seen)
                    .filteredOn(PosternEvent.Attempted.class::isInstance)
                    .map(PosternEvent.Attempted.class::cast)
                    .extracting(a -> a.messageId() + " " + a.number() + " " + a.name() + " "
                            + a.outcome().wireName() + " " + a.latency() + " " + a.degraded())
                    .containsExactly("order-42 1 primary unavailable PT0S []", "order-42 2 backup accepted PT0S []");
        }
    }

    static Stream<Arguments> everyEvent() {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        return Stream.of(
                Arguments.of(
                        new PosternEvent.Attempted(
                                at, "m1", 1, "a", new SendOutcome.Accepted("p-1"), Duration.ofMillis(40), List.of()),
                        "attempt"),
                Arguments.of(new PosternEvent.Failover(at, "m1", "a", "b", "503"), "failover"),
                Arguments.of(new PosternEvent.ProviderUnhealthy(at, "a", "timeout"), "provider_unhealthy"),
                Arguments.of(
                        new PosternEvent.ProviderSuspect(at, "a", Duration.ofSeconds(2), 3, 2), "provider_suspect"),
                Arguments.of(new PosternEvent.ProviderRecovered(at, "a"), "provider_recovered"),
                Arguments.of(new PosternEvent.BreakerOpened(at, "a", 60f, 0f), "breaker_opened"),
                Arguments.of(new PosternEvent.BreakerClosed(at, "a"), "breaker_closed"),
                Arguments.of(new PosternEvent.RateLimited(at, "a", at, "429"), "rate_limited"),
                Arguments.of(new PosternEvent.Misconfigured(at, "a", "401"), "misconfigured"),
                Arguments.of(new PosternEvent.AllProvidersDown(at, "a open"), "all_providers_down"),
                Arguments.of(new PosternEvent.BacklogHigh(at, 5000, Duration.ofMinutes(3)), "backlog_high"),
                Arguments.of(new PosternEvent.MessageFailed(at, "m1", "550"), "message_failed"),
                Arguments.of(new PosternEvent.DrillStarted(at, "a", Duration.ofMinutes(5)), "drill_started"),
                Arguments.of(new PosternEvent.DrillFinished(at, "a", "passed"), "drill_finished"));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventHasItsDesignName(PosternEvent event, String type) {
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.detail()).isNotBlank();
    }
}

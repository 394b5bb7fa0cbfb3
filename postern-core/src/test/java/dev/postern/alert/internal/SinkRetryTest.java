package dev.postern.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.alert.Alert;
import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertRefusedException;
import dev.postern.alert.AlertSink;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How one alert reaches one sink: retried with backoff when it fails, given up when refused. */
class SinkRetryTest {
    private final FakeTime time = new FakeTime();
    private final List<AlertDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final SinkRetry retry = new SinkRetry(Runnable::run, time, deliveries::add);
    private final Alert alert = new Alert(
            "provider_unhealthy",
            Optional.of("sendgrid"),
            Instant.parse("2026-01-05T09:00:00Z"),
            "down",
            Map.of(),
            false);

    @Test
    void aSinkThatFailsIsRetriedWithBackoffUntilItTakesTheAlert() {
        AtomicInteger calls = new AtomicInteger();
        AlertSink flaky = a -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("answered HTTP 503");
            }
        };

        retry.deliver(flaky, alert);
        time.advance(Duration.ofSeconds(3));

        assertThat(deliveries)
                .extracting(d -> d.getClass().getSimpleName() + "@" + d.attempt())
                .containsExactly("Retrying@1", "Retrying@2", "Delivered@3");
    }

    @Test
    void aRefusedAlertIsGivenUpAtOnceWithoutRetrying() {
        AtomicInteger calls = new AtomicInteger();
        AlertSink refusing = a -> {
            calls.incrementAndGet();
            throw new AlertRefusedException("pagerduty refused the event (HTTP 400): Event object is invalid");
        };

        retry.deliver(refusing, alert);
        time.advance(Duration.ofMinutes(1));

        assertThat(calls).hasValue(1);
        assertThat(deliveries)
                .singleElement()
                .isInstanceOfSatisfying(
                        AlertDelivery.GaveUp.class,
                        gaveUp -> assertThat(gaveUp.error()).contains("HTTP 400"));
        assertThat(time.pendingTasks()).isZero();
    }
}

package dev.postern.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.event.PosternEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 15's metrics: suspect transitions, rerouted attempts, time from hang onset to reroute. */
class SuspectMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventCounter counter = new EventCounter(registry, List.of("primary", "backup"));

    @Test
    void suspectSeriesStartAtZeroForEveryProvider() {
        assertThat(registry.get("postern.suspect.transitions")
                        .tag("provider", "backup")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("postern.attempts.rerouted")
                        .tag("provider", "backup")
                        .counter()
                        .count())
                .isZero();
        assertThat(registry.get("postern.suspect.detection")
                        .tag("provider", "backup")
                        .timer()
                        .count())
                .isZero();
    }

    @Test
    void aSuspectProviderCountsItsTransitionItsReroutedAttemptsAndHowLongTheHangWent() {
        counter.on(new PosternEvent.ProviderSuspect(Instant.now(), "primary", Duration.ofMillis(2100), 7, 5));
        counter.on(new PosternEvent.ProviderSuspect(Instant.now(), "primary", Duration.ofMillis(2300), 2, 0));

        assertThat(registry.get("postern.suspect.transitions")
                        .tag("provider", "primary")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("postern.attempts.rerouted")
                        .tag("provider", "primary")
                        .counter()
                        .count())
                .isEqualTo(5);
        var detection = registry.get("postern.suspect.detection")
                .tag("provider", "primary")
                .timer();
        assertThat(detection.count()).isEqualTo(2);
        assertThat(detection.max(TimeUnit.MILLISECONDS)).isEqualTo(2300);
        assertThat(registry.get("postern.suspect.transitions")
                        .tag("provider", "backup")
                        .counter()
                        .count())
                .isZero();
    }
}

package dev.postern.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSeriesTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-11-28T09:00:00Z"));
    private final TrafficSeries series = new TrafficSeries(time);

    @Test
    void countsAttemptsPerProviderPerSecondByOutcome() {
        series.record("primary", "accepted");
        series.record("primary", "accepted");
        series.record("primary", "unavailable");
        time.advance(Duration.ofSeconds(1));
        series.record("backup", "accepted");

        List<TrafficSeries.Second> seconds = series.last(Duration.ofSeconds(2));

        assertThat(seconds).hasSize(2);
        assertThat(seconds.get(0).count("primary", "accepted")).isEqualTo(2);
        assertThat(seconds.get(0).count("primary", "unavailable")).isEqualTo(1);
        assertThat(seconds.get(0).total("backup")).isZero();
        assertThat(seconds.get(1).count("backup", "accepted")).isEqualTo(1);
        assertThat(seconds.get(1).total("primary")).isZero();
    }

    @Test
    void quietSecondsArePresentWithNoCounts() {
        series.record("primary", "accepted");
        time.advance(Duration.ofSeconds(5));

        List<TrafficSeries.Second> seconds = series.last(Duration.ofSeconds(6));

        assertThat(seconds).hasSize(6);
        assertThat(seconds.get(0).total("primary")).isEqualTo(1);
        assertThat(seconds.subList(1, 6))
                .allSatisfy(s -> assertThat(s.byProvider()).isEmpty());
    }

    @Test
    void forgetsTrafficOlderThanTheWindowEvenWhenItsSlotIsReused() {
        series.record("primary", "accepted");
        time.advance(TrafficSeries.WINDOW);
        series.record("primary", "rejected"); // same slot of the ring, one window later

        List<TrafficSeries.Second> seconds = series.last(TrafficSeries.WINDOW.plusMinutes(5));

        assertThat(seconds).hasSize((int) TrafficSeries.WINDOW.toSeconds());
        assertThat(seconds.stream()
                        .mapToInt(s -> s.count("primary", "accepted"))
                        .sum())
                .isZero();
        assertThat(seconds.getLast().count("primary", "rejected")).isEqualTo(1);
    }
}

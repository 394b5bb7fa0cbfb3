package dev.postern.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryRatesTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-11-28T09:00:00Z"));
    private final DeliveryRates rates = new DeliveryRates(time);
    private int ids;

    /** {@code n} messages accepted by {@code provider} now. */
    static List<PosternEvent.Attempted> accepted(FakeTime time, String provider, int n) {
        List<PosternEvent.Attempted> attempts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attempts.add(new PosternEvent.Attempted(
                    time.instant(),
                    "m" + i,
                    1,
                    provider,
                    new SendOutcome.Accepted("p" + i, List.of()),
                    Duration.ofMillis(20),
                    List.of()));
        }
        return attempts;
    }

    /** One event of {@code type} reported by {@code provider}'s webhook now. */
    StoredEvent event(String provider, DeliveryEventType type, Optional<BounceKind> bounce) {
        String id = "e" + ++ids;
        return new StoredEvent(
                id,
                provider,
                id,
                Optional.empty(),
                "a" + ids + "@example.com",
                type,
                bounce,
                "",
                time.instant(),
                time.instant());
    }

    @Test
    void hardBouncesAndComplaintsArePerMessageAcceptedByTheSameProvider() {
        accepted(time, "primary", 100).forEach(rates::on);
        accepted(time, "backup", 10).forEach(rates::on);
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.HARD)));
        }
        events.add(event("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.SOFT))); // not a hard one
        events.add(event("primary", DeliveryEventType.DELIVERED, Optional.empty()));
        events.add(event("backup", DeliveryEventType.COMPLAINED, Optional.empty()));
        rates.recorded(events);

        assertThat(rates.of("primary")).isEqualTo(new DeliveryRates.Rates(DeliveryRates.WINDOW, 100, 10, 0));
        assertThat(rates.of("primary").bounceRate()).isEqualTo(0.1);
        assertThat(rates.of("backup").complaintRate()).isEqualTo(0.1);
        assertThat(rates.of("backup").bounceRate()).isZero();
    }

    @Test
    void aProviderWithNothingSentHasRatesOfZero() {
        rates.recorded(List.of(event("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.HARD))));

        assertThat(rates.of("primary").bounceRate()).isZero();
        assertThat(rates.of("unknown")).isEqualTo(new DeliveryRates.Rates(DeliveryRates.WINDOW, 0, 0, 0));
    }

    @Test
    void countsLeaveTheWindowAfterAnHour() {
        accepted(time, "primary", 50).forEach(rates::on);
        rates.recorded(List.of(event("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.HARD))));
        time.advance(Duration.ofMinutes(30));
        accepted(time, "primary", 50).forEach(rates::on);
        assertThat(rates.of("primary").sent()).isEqualTo(100);

        time.advance(Duration.ofMinutes(31)); // the first half has left the window

        assertThat(rates.of("primary")).isEqualTo(new DeliveryRates.Rates(DeliveryRates.WINDOW, 50, 0, 0));
        time.advance(DeliveryRates.WINDOW);
        assertThat(rates.of("primary").sent()).isZero();
    }

    @Test
    void attemptsThatWereNotAcceptedAreNotSent() {
        rates.on(new PosternEvent.Attempted(
                time.instant(),
                "m1",
                1,
                "primary",
                new SendOutcome.Unavailable("HTTP 503"),
                Duration.ofMillis(5),
                List.of()));

        assertThat(rates.of("primary").sent()).isZero();
    }
}

package dev.postern.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.alert.Alert;
import dev.postern.alert.IncidentView;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.server.config.RateAlertConfig;
import dev.postern.server.stats.DeliveryRates;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code bounce_rate_high} and {@code complaint_rate_high}: real sends through Postern counted as
 * sent, hard bounces and complaints as the webhook route hands them over, the watch and the alerter
 * on fake time.
 */
class RateWatchTest {
    private final FakeTime time = new FakeTime();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final DeliveryRates rates = new DeliveryRates(time);
    private int ids;

    private Postern postern() {
        return Postern.builder()
                .provider("primary", ScriptedProvider.accepting("primary"))
                .provider("backup", ScriptedProvider.accepting("backup"))
                .listener(rates)
                .alert(alerts::add)
                .eventExecutor(Runnable::run) // hear each event before the call that caused it returns
                .clock(time)
                .scheduler(time)
                .build();
    }

    private void send(Postern postern, int messages) {
        for (int i = 0; i < messages; i++) {
            postern.send(Mail.receipt());
        }
    }

    private void report(String provider, DeliveryEventType type, Optional<BounceKind> bounce, int events) {
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String id = "e" + ++ids;
            stored.add(new StoredEvent(
                    id,
                    provider,
                    id,
                    Optional.empty(),
                    id + "@example.com",
                    type,
                    bounce,
                    "550 5.1.1",
                    time.instant(),
                    time.instant()));
        }
        rates.recorded(stored);
    }

    private List<String> incidents() {
        return alerts.stream()
                .map(a -> a.incident().orElseThrow())
                .map(i -> i.condition() + " " + i.provider().orElse("*") + " " + i.state())
                .toList();
    }

    @Test
    void tenHardBouncesInAHundredMessagesAreOneIncidentResolvedWhenTheRateFalls() {
        try (Postern postern = postern()) {
            new RateWatch(RateAlertConfig.DEFAULTS, rates, postern, time).start(time);
            send(postern, 100); // all to primary, the first in priority
            report("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.HARD), 10);

            time.advance(Duration.ofMinutes(5)); // checks every 30 s; one incident, paged once

            assertThat(incidents()).containsExactly("bounce_rate_high primary OPENED");
            assertThat(alerts.getFirst().provider()).contains("primary");
            assertThat(alerts.getFirst().detail()).contains("10%").contains("10 of 100");

            send(postern, 200); // 10 of 300: 3.3%, under 5%
            time.advance(Duration.ofMinutes(5));

            assertThat(incidents())
                    .containsExactly("bounce_rate_high primary OPENED", "bounce_rate_high primary RESOLVED");
            assertThat(alerts.getLast().incident().orElseThrow().state()).isEqualTo(IncidentView.State.RESOLVED);
        }
    }

    @Test
    void aHighRateOnFewerMessagesThanTheMinimumPagesNobody() {
        try (Postern postern = postern()) {
            new RateWatch(RateAlertConfig.DEFAULTS, rates, postern, time).start(time);
            send(postern, 2);
            report("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.HARD), 1);

            time.advance(Duration.ofMinutes(5));

            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void complaintsPastTheirThresholdAreAnIncidentOfTheirOwn() {
        try (Postern postern = postern()) {
            new RateWatch(RateAlertConfig.DEFAULTS, rates, postern, time).start(time);
            send(postern, 1000);
            report("primary", DeliveryEventType.COMPLAINED, Optional.empty(), 2); // 0.2% >= 0.1%
            report("primary", DeliveryEventType.BOUNCED, Optional.of(BounceKind.SOFT), 100); // soft: not counted

            time.advance(Duration.ofMinutes(1));

            assertThat(incidents()).containsExactly("complaint_rate_high primary OPENED");
        }
    }
}

package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Postern;
import dev.postern.alert.internal.Alerter;
import dev.postern.event.PosternEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertingTest {
    private final FakeTime time = new FakeTime();
    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final Alerter alerter =
            new Alerter(new AlertConfig(Duration.ofMinutes(30)), List.of(sent::add), time, Runnable::run);

    private PosternEvent.Failover failoverFrom(String provider) {
        return new PosternEvent.Failover(time.instant(), "m", provider, "backup", "HTTP 503");
    }

    @Test
    void misconfiguredProviderRaisesAnAlertAtOnce() throws InterruptedException {
        BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
        var primary = ScriptedProvider.accepting("primary").then(new SendOutcome.Misconfigured("HTTP 401 bad key"));
        try (Postern postern = Postern.builder()
                .provider("primary", primary)
                .provider("backup", ScriptedProvider.accepting("backup"))
                .alert(alerts::add)
                .clock(time)
                .scheduler(time)
                .build()) {
            postern.send(Mail.receipt());

            // The failover to the backup is alerted too, on its own thread: find the one we expect.
            Alert alert = alerts.poll(10, TimeUnit.SECONDS);
            while (alert != null && !alert.event().equals("misconfigured")) {
                alert = alerts.poll(10, TimeUnit.SECONDS);
            }
            assertThat(alert).isNotNull();
            assertThat(alert.event()).isEqualTo("misconfigured");
            assertThat(alert.provider()).contains("primary");
            assertThat(alert.detail()).isEqualTo("primary is misconfigured: HTTP 401 bad key");
        }
    }

    @Test
    void repeatedFailoversAlertOnceThenRemindWithTheCountAfterRenotify() {
        alerter.on(failoverFrom("primary"));
        for (int i = 0; i < 41; i++) {
            time.advance(Duration.ofSeconds(10));
            alerter.on(failoverFrom("primary"));
        }
        assertThat(sent).hasSize(1);

        time.advance(Duration.ofMinutes(30));
        alerter.remind();

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reminder()).isTrue();
        assertThat(sent.get(1).counts()).containsEntry("occurrences", 41L);
    }

    @Test
    void aLastingConditionIsRemindedEveryRenotifyUntilTheProviderRecovers() {
        alerter.on(new PosternEvent.ProviderUnhealthy(time.instant(), "primary", "timeout"));
        for (int i = 0; i < 3; i++) {
            time.advance(Duration.ofMinutes(30));
            alerter.remind();
        }
        assertThat(sent)
                .extracting(Alert::event)
                .containsOnly("provider_unhealthy")
                .hasSize(4);

        alerter.on(new PosternEvent.ProviderRecovered(time.instant(), "primary"));
        time.advance(Duration.ofHours(2));
        alerter.remind();

        assertThat(sent).extracting(Alert::event).last().isEqualTo("provider_recovered");
        assertThat(sent).hasSize(5);
    }

    @Test
    void conditionsOfDifferentProvidersAreAlertedSeparately() {
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "a", 100, 0));
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "b", 100, 0));
        alerter.on(new PosternEvent.BreakerOpened(time.instant(), "a", 100, 0));

        assertThat(sent).extracting(a -> a.provider().orElseThrow()).containsExactly("a", "b");
    }

    @Test
    void aQuietRepeatedEventIsNewsAgainAfterRenotify() {
        alerter.on(failoverFrom("primary"));
        time.advance(Duration.ofMinutes(31));
        alerter.remind();
        assertThat(sent).hasSize(1);

        alerter.on(failoverFrom("primary"));

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).reminder()).isFalse();
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() {
        List<Alert> second = new CopyOnWriteArrayList<>();
        Alerter twoSinks = new Alerter(
                AlertConfig.DEFAULTS,
                List.of(
                        alert -> {
                            throw new java.io.IOException("webhook down");
                        },
                        second::add),
                time,
                Runnable::run);

        twoSinks.on(new PosternEvent.Misconfigured(time.instant(), "a", "535"));

        assertThat(second).hasSize(1);
    }
}

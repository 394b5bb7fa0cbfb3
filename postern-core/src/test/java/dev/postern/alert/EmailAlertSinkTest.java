package dev.postern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.SendOutcome;
import dev.postern.testing.ScriptedProvider;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EmailAlertSinkTest {
    private final ScriptedProvider primary = ScriptedProvider.accepting("primary");
    private final ScriptedProvider backup = ScriptedProvider.accepting("backup");
    private final Map<String, dev.postern.provider.Provider> providers = new LinkedHashMap<>();

    {
        providers.put("primary", primary);
        providers.put("backup", backup);
    }

    private static Alert about(String provider) {
        return new Alert(
                "provider_unhealthy",
                Optional.of(provider),
                Instant.parse("2026-01-05T09:00:00Z"),
                provider + " is unhealthy: timeout",
                Map.of("occurrences", 1L),
                false);
    }

    private EmailAlertSink sink(Duration timeout) {
        return new EmailAlertSink(
                providers, name -> true, "Postern <postern@shop.example>", List.of("oncall@shop.example"), timeout);
    }

    @Test
    void mailsTheAlertThroughAProviderOtherThanTheOneInTrouble() throws Exception {
        sink(Duration.ofSeconds(5)).deliver(about("primary"));

        assertThat(primary.emails()).isEmpty();
        assertThat(backup.emails()).hasSize(1);
        assertThat(backup.emails().getFirst().subject()).isEqualTo("[Postern] provider_unhealthy: primary");
        assertThat(backup.emails().getFirst().text())
                .startsWith("Postern: provider_unhealthy (primary) — primary is unhealthy: timeout");
    }

    private static Alert incident(IncidentView.State state) {
        IncidentView view = new IncidentView(
                "primary-20260105T090000Z-1",
                state,
                Optional.of("primary"),
                "provider_down",
                Instant.parse("2026-01-05T09:00:00Z"),
                state == IncidentView.State.RESOLVED
                        ? Optional.of(Instant.parse("2026-01-05T09:02:00Z"))
                        : Optional.empty(),
                List.of("failover", "breaker_opened"),
                Map.of("messages_failed_over", 200L),
                Optional.of("unavailable: connection refused"));
        return new Alert(
                "incident_" + state.name().toLowerCase(java.util.Locale.ROOT),
                Optional.of("primary"),
                Instant.parse("2026-01-05T09:02:00Z"),
                "primary is back after 2m",
                Map.of("occurrences", 1L),
                state == IncidentView.State.UPDATED,
                Optional.of(view));
    }

    @Test
    void mailsAnIncidentOnceWhenItOpensAndOnceWhenItResolvesButNotItsReminders() throws Exception {
        EmailAlertSink sink = sink(Duration.ofSeconds(5));
        sink.deliver(incident(IncidentView.State.OPENED));
        sink.deliver(incident(IncidentView.State.UPDATED));
        sink.deliver(incident(IncidentView.State.RESOLVED));

        assertThat(backup.emails())
                .extracting(dev.postern.email.Email::subject)
                .containsExactly(
                        "[Postern] OPENED primary: incident primary-20260105T090000Z-1",
                        "[Postern] RESOLVED primary: incident primary-20260105T090000Z-1");
        assertThat(backup.emails().getLast().text())
                .contains("resolved at: 2026-01-05T09:02:00Z", "messages_failed_over: 200", "signals: failover");
        assertThat(primary.emails()).isEmpty();
    }

    @Test
    void neverUsesTheProviderInTroubleEvenWhenNoOtherTakesIt() {
        backup.always(new SendOutcome.Unavailable("HTTP 503"));

        assertThatThrownBy(() -> sink(Duration.ofSeconds(5)).deliver(about("primary")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("backup: Unavailable");
        assertThat(primary.emails()).isEmpty();
    }

    @Test
    void aProviderThatHangsCostsOnlyTheSinksTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        backup.during(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThatThrownBy(() -> sink(Duration.ofMillis(200)).deliver(about("primary")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no answer within");
    }

    @Test
    void prefersProvidersRoutingStillUses() throws Exception {
        providers.put("third", ScriptedProvider.accepting("third"));
        EmailAlertSink sink = new EmailAlertSink(
                providers,
                name -> !name.equals("backup"),
                "postern@shop.example",
                List.of("oncall@shop.example"),
                Duration.ofSeconds(5));

        assertThat(sink.candidates(about("primary"))).containsExactly("third");
    }
}

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

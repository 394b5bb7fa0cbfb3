package dev.postern.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.ProviderStatus;
import dev.postern.breaker.BreakerState;
import dev.postern.provider.RateLimitStatus;
import dev.postern.routing.ProviderState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo's live line and phase texts say what the primary is going through, in Postern's words. */
class LiveLineTest {

    private static ProviderStatus status(String name, ProviderState state, BreakerState breaker) {
        return new ProviderStatus(
                name, "sendgrid", state, breaker, 1, 1, Optional.empty(), Optional.empty(), RateLimitStatus.UNKNOWN);
    }

    @Test
    void theLineShowsTheProvidersStateNotOnlyItsBreaker() {
        Map<String, Integer> perSecond = new LinkedHashMap<>();
        perSecond.put("sendgrid", 0);
        perSecond.put("resend", 20);
        Map<String, ProviderStatus> status = Map.of(
                "sendgrid", status("sendgrid", ProviderState.UNHEALTHY, BreakerState.CLOSED),
                "resend", status("resend", ProviderState.AVAILABLE, BreakerState.CLOSED));
        DemoPhase http503 = DemoPhase.story(Duration.ofSeconds(2)).get(2);

        String line = LiveLine.render(7, http503.tag(), perSecond, status, 12, 3);

        assertThat(line)
                .startsWith("[  7s] 3/4 sendgrid answers 503")
                .contains("sendgrid   0/s unhealthy")
                .contains("resend  20/s healthy")
                .doesNotContain("closed")
                .endsWith("| failovers   12 | queue    3");
    }

    @Test
    void eachStateOfRoutingHasItsOwnWord() {
        assertThat(LiveLine.state(status("p", ProviderState.AVAILABLE, BreakerState.CLOSED)))
                .isEqualTo("healthy");
        assertThat(LiveLine.state(status("p", ProviderState.AVAILABLE, BreakerState.HALF_OPEN)))
                .isEqualTo("half-open");
        assertThat(LiveLine.state(status("p", ProviderState.SUSPECT, BreakerState.CLOSED)))
                .isEqualTo("suspect");
        assertThat(LiveLine.state(status("p", ProviderState.UNHEALTHY, BreakerState.CLOSED)))
                .isEqualTo("unhealthy");
        assertThat(LiveLine.state(status("p", ProviderState.OPEN, BreakerState.OPEN)))
                .isEqualTo("breaker open");
        assertThat(LiveLine.state(status("p", ProviderState.COOLING, BreakerState.CLOSED)))
                .isEqualTo("cooling");
        assertThat(LiveLine.state(null)).isEqualTo("?");
    }

    @Test
    void thePhasesSayWhatHappensToThePrimary() {
        List<DemoPhase> story = DemoPhase.story(Duration.ofSeconds(6));

        assertThat(story)
                .extracting(DemoPhase::heading)
                .containsExactly(
                        "phase 1/4: all providers healthy",
                        "phase 2/4: sendgrid hangs after accepting the connection (never answers)",
                        "phase 3/4: sendgrid answers HTTP 503 (service unavailable)",
                        "phase 4/4: sendgrid recovers");
        assertThat(story).extracting(DemoPhase::seconds).containsExactly(6, 9, 6, 9);
    }

    private static Map<String, Integer> counts(int sendgrid, int resend) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("sendgrid", sendgrid);
        counts.put("resend", resend);
        return counts;
    }

    @Test
    void thePhaseReportNamesThePhaseItsDeliveriesAndThePrimarysStates() {
        DemoPhase hang = DemoPhase.story(Duration.ofSeconds(2)).get(1);
        PhaseReport report = new PhaseReport(hang, counts(3, 0));
        report.record(counts(3, 0), "healthy");
        report.record(counts(3, 10), "suspect");
        report.record(counts(3, 25), "suspect");
        report.record(counts(3, 40), "breaker open");

        assertThat(report.lines())
                .containsExactly(
                        "phase 2/4: sendgrid hangs after accepting the connection (never answers)",
                        "  delivered: sendgrid 0, resend 40; sendgrid: healthy -> suspect -> breaker open");
    }
}

package dev.postern.provider.hang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.SendResult;
import java.time.Duration;

/** The acceptance of issue 15, checked on one run of {@link HangScenario}. */
final class HungProviderAssertions {
    private HungProviderAssertions() {}

    static void nothingLostNothingDuplicated(HangScenario.Report report) {
        assertThat(report.sent())
                .as("every message delivered")
                .allSatisfy(s -> assertThat(s.result().status()).isEqualTo(SendResult.Status.DELIVERED));
        assertThat(report.receivedById())
                .as("received once each")
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(report.receivedById().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        report.sent().stream().map(s -> s.result().messageId()).toList());
    }

    static void newTrafficMovesToTheBackupWithinThreeSeconds(HangScenario.Report report) {
        assertThat(report.timeToSuspect()).isNotNull();
        assertThat(report.backupShareAfter(Duration.ofSeconds(3))).isGreaterThanOrEqualTo(0.95);
    }

    static void reroutedAttemptsDidNotWaitForTheTimeout(HangScenario.Report report) {
        assertThat(report.sent())
                .filteredOn(HangScenario.Sent::cancelled)
                .allSatisfy(s -> assertThat(s.latency()).isLessThan(HangScenario.REQUEST_TIMEOUT));
    }

    static void primaryReturnsWithinAHealthInterval(HangScenario.Report report) {
        assertThat(report.returnAfterHang())
                .as("primary back in rotation after it answers again")
                .isNotNull()
                // one interval, plus a probe's round trip and scheduling on a busy 2-core machine
                .isLessThanOrEqualTo(HangScenario.HEALTH_INTERVAL.plusMillis(1000));
        assertThat(report
                        .submittedBetween(
                                report.hangEnd().plus(HangScenario.HEALTH_INTERVAL.multipliedBy(2)),
                                report.hangEnd().plus(HangScenario.AFTER))
                        .stream()
                        .filter(s -> s.firstProvider().equals("primary")))
                .isNotEmpty();
    }
}

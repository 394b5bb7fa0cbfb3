package dev.postern.provider.hang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.Provider;
import dev.postern.provider.sendgrid.SendGrid;
import dev.postern.provider.sendgrid.SendGridConfig;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.sendgrid.SendGridSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 15, HTTP: the primary accepts connections and never answers (not even 100 Continue). */
class HungHttpProviderTest {
    private static final String KEY = "SG.hang-test-key.0123456789abcdef";

    @Test
    void hungHttpPrimaryIsLeftWithinSecondsAndNothingWaitsForTheTimeout() throws Exception {
        try (SendGridSimulator primarySim = new SendGridSimulator(0, KEY);
                SendGridSimulator backupSim = new SendGridSimulator(0, KEY)) {
            primarySim.start();
            backupSim.start();
            HangScenario.Report report = new HangScenario(primarySim, backupSim, new Fault.HangGreeting())
                    .run(adapter(primarySim), adapter(backupSim));
            System.out.println(report.summary("HTTP (SendGrid simulator, hang_greeting)"));

            HungProviderAssertions.nothingLostNothingDuplicated(report);
            HungProviderAssertions.newTrafficMovesToTheBackupWithinThreeSeconds(report);
            HungProviderAssertions.reroutedAttemptsDidNotWaitForTheTimeout(report);
            HungProviderAssertions.primaryReturnsWithinAHealthInterval(report);
            // The body waits for 100 Continue, which a hung provider never sends: every attempt
            // caught by the hang is rerouted, and only those past hand-off when it began may wait.
            assertThat(report.rerouted()).isPositive();
            assertThat(report.waitedForTimeout()).isLessThanOrEqualTo(report.unfinishedAtHangStart());
        }
    }

    private static Provider adapter(SendGridSimulator sim) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(1), HangScenario.REQUEST_TIMEOUT);
        return SendGrid.provider(new SendGridConfig(new Secret(KEY), sim.baseUrl(), timeouts), Clock.systemUTC());
    }
}

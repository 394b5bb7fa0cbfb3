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

/** Issue 15, HTTP: the primary reads each request and never answers. */
class HungHttpProviderTest {
    private static final String KEY = "SG.hang-test-key.0123456789abcdef";

    @Test
    void hungHttpPrimaryIsLeftWithinSecondsAndReturnsWhenItAnswers() throws Exception {
        try (SendGridSimulator primarySim = new SendGridSimulator(0, KEY);
                SendGridSimulator backupSim = new SendGridSimulator(0, KEY)) {
            primarySim.start();
            backupSim.start();
            HangScenario.Report report = new HangScenario(primarySim, backupSim, new Fault.Hang())
                    .run(adapter(primarySim), adapter(backupSim));
            System.out.println(report.summary("HTTP (SendGrid simulator, hang)"));

            HungProviderAssertions.nothingLostNothingDuplicated(report);
            HungProviderAssertions.newTrafficMovesToTheBackupWithinThreeSeconds(report);
            HungProviderAssertions.reroutedAttemptsDidNotWaitForTheTimeout(report);
            HungProviderAssertions.primaryReturnsWithinAHealthInterval(report);
            // Over HTTP the body leaves at once, so what was sent before suspicion is past hand-off
            // and must wait: never more than what was handed over when the provider turned suspect
            // (plus one: a send routed in the microseconds between the flag and the snapshot).
            assertThat(report.waitedForTimeout()).isLessThanOrEqualTo(report.handedOverAtSuspicion() + 1L);
        }
    }

    private static Provider adapter(SendGridSimulator sim) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(1), HangScenario.REQUEST_TIMEOUT);
        return SendGrid.provider(new SendGridConfig(new Secret(KEY), sim.baseUrl(), timeouts), Clock.systemUTC());
    }
}

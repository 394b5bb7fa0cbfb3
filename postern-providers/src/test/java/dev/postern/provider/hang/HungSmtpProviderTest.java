package dev.postern.provider.hang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.Provider;
import dev.postern.provider.smtp.Smtp;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.provider.smtp.SmtpTimeouts;
import dev.postern.provider.smtp.SmtpTls;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.smtp.SmtpSimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 15, SMTP: the primary accepts connections and never greets (nor answers NOOP). */
class HungSmtpProviderTest {
    private static final String USER = "user";
    private static final String PASSWORD = "hang-Pa55-word";

    @Test
    void smtpPrimaryThatNeverGreetsIsLeftWithinSecondsAndNothingWaitsForTheTimeout() throws Exception {
        try (SmtpSimulator primarySim = new SmtpSimulator(0, USER, PASSWORD).start();
                SmtpSimulator backupSim = new SmtpSimulator(0, USER, PASSWORD).start()) {
            HangScenario.Report report = new HangScenario(primarySim, backupSim, new Fault.HangGreeting())
                    .run(adapter(primarySim), adapter(backupSim));
            System.out.println(report.summary("SMTP (simulator, hang_greeting)"));

            HungProviderAssertions.nothingLostNothingDuplicated(report);
            HungProviderAssertions.newTrafficMovesToTheBackupWithinThreeSeconds(report);
            HungProviderAssertions.reroutedAttemptsDidNotWaitForTheTimeout(report);
            HungProviderAssertions.primaryReturnsWithinAHealthInterval(report);
            // Before the greeting nothing is handed over: every attempt caught by it is rerouted.
            assertThat(report.rerouted()).isPositive();
            assertThat(report.waitedForTimeout()).isLessThanOrEqualTo(report.unfinishedAtHangStart());
        }
    }

    private static Provider adapter(SmtpSimulator sim) {
        SmtpConfig config = SmtpConfig.of("127.0.0.1", sim.port())
                .withTls(SmtpTls.NONE)
                .withCredentials(USER, new Secret(PASSWORD))
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(1), HangScenario.REQUEST_TIMEOUT)));
        return Smtp.provider(config, Clock.systemUTC());
    }
}

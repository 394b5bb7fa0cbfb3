package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Fault;
import dev.postern.sim.smtp.SmtpSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS (which GreenMail 2.1.13 lacks) against the SMTP simulator, which demands it before
 * AUTH; and connection reuse, counted in the simulator's sessions.
 */
class SmtpStartTlsAndReuseTest {
    private static final AttemptContext CONTEXT = new AttemptContext("01JTLS0000000000000000000", 1, true);

    private SmtpSimulator simulator;
    private Path certificate;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        simulator = new SmtpSimulator(0, "user", "tls-Pa55-word", true).start();
        certificate = dir.resolve("simulator.pem");
        Files.writeString(certificate, simulator.certificatePem());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private SmtpConfig config() {
        return SmtpConfig.of("127.0.0.1", simulator.port())
                .withCredentials("user", new Secret("tls-Pa55-word"))
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));
    }

    @Test
    void startTlsTrustingTheRelaysCertificateIsAccepted() {
        try (SmtpProvider adapter = new SmtpProvider(config().withTrustCertificate(certificate), Clock.systemUTC())) {
            assertThat(adapter.send(ProviderContract.richEmail(), CONTEXT)).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(adapter.checkHealth().healthy()).isTrue();
        }
    }

    @Test
    void startTlsToAnUntrustedCertificateIsUnavailableAndNothingIsSent() {
        try (SmtpProvider adapter = new SmtpProvider(config(), Clock.systemUTC())) {
            SendOutcome outcome = adapter.send(ProviderContract.richEmail(), CONTEXT);

            assertThat(outcome).isInstanceOf(SendOutcome.Unavailable.class);
            assertThat(outcome.detail()).contains("STARTTLS").contains("TLS failure");
        }
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void withoutTlsARelayThatDemandsItIsMisconfigured() {
        try (SmtpProvider adapter = new SmtpProvider(config().withTls(SmtpTls.NONE), Clock.systemUTC())) {
            SendOutcome outcome = adapter.send(ProviderContract.richEmail(), CONTEXT);

            assertThat(outcome).isInstanceOf(SendOutcome.Misconfigured.class);
            assertThat(outcome.detail()).contains("530");
        }
    }

    @Test
    void consecutiveSendsShareOneSession() {
        try (SmtpProvider adapter = new SmtpProvider(config().withTrustCertificate(certificate), Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                assertThat(adapter.send(ProviderContract.richEmail(), new AttemptContext("01JREUSE" + i, 1, true)))
                        .isInstanceOf(SendOutcome.Accepted.class);
            }
        }
        assertThat(simulator.received()).hasSize(3);
        assertThat(simulator.sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aPooledSessionTheRelayDroppedIsReplacedWithoutFailingTheSend() {
        try (SmtpProvider adapter = new SmtpProvider(config().withTrustCertificate(certificate), Clock.systemUTC())) {
            adapter.send(ProviderContract.richEmail(), CONTEXT);
            simulator.fault(new Fault.Down()); // ends every open session
            simulator.fault(new Fault.Ok());

            assertThat(adapter.send(ProviderContract.richEmail(), CONTEXT)).isInstanceOf(SendOutcome.Accepted.class);
        }
        assertThat(simulator.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void withoutAPoolEverySendOpensItsOwnSession() {
        try (SmtpProvider adapter =
                new SmtpProvider(config().withTrustCertificate(certificate).withPoolSize(0), Clock.systemUTC())) {
            adapter.send(ProviderContract.richEmail(), CONTEXT);
            adapter.send(ProviderContract.richEmail(), CONTEXT);
        }
        assertThat(simulator.sessionsOpened()).isEqualTo(2);
    }
}

package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.OutboxConfig;
import dev.postern.sim.smtp.RawSmtp;
import dev.postern.testing.ScriptedProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a certificate configured, passwords travel only inside TLS. Every test runs on loopback, so
 * the ones about remote clients switch off the loopback exemption, as if the client were remote.
 */
class RelayTlsTest {
    @TempDir
    Path dir;

    private RelayHarness remoteClientsOnly() {
        return new RelayHarness(
                dir,
                RelayHarness.config().withTls(RelayHarness.TLS),
                ScriptedProvider.accepting("primary"),
                OutboxConfig.DEFAULTS,
                false);
    }

    @Test
    void startTlsThenAuthRelaysWithTheCertificateVerified() throws Exception {
        try (RelayHarness h = remoteClientsOnly()) {
            String reply = new MailClient(h.relay.port())
                    .auth("PLAIN")
                    .startTls(RelayHarness.resource("tls/relay-test.crt"))
                    .send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void authOverPlaintextIsRefusedWith538AndNotEvenOffered() throws Exception {
        try (RelayHarness h = remoteClientsOnly();
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            String ehlo = smtp.send("EHLO app.example");
            assertThat(ehlo).contains("STARTTLS").doesNotContain("AUTH");

            assertThat(smtp.authPlain(USER, PASSWORD)).startsWith("538 5.7.11 Encryption required");
            assertThat(smtp.send("AUTH LOGIN")).startsWith("538 5.7.11");
            assertThat(smtp.send("MAIL FROM:<orders@shop.example>"))
                    .isEqualTo("530 5.7.0 Authentication required; issue STARTTLS, then AUTH");
        }
    }

    @Test
    void loopbackClientMayAuthWithoutStartTlsByDefault() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config().withTls(RelayHarness.TLS))) {
            String reply = new MailClient(h.relay.port()).auth("LOGIN").send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void rsaCertificateServesStartTlsToo() throws Exception {
        var rsa = new dev.postern.server.tls.TlsFiles(
                RelayHarness.resource("tls/relay-test-rsa.crt"), RelayHarness.resource("tls/relay-test-rsa.key"));
        try (RelayHarness h = new RelayHarness(
                dir,
                RelayHarness.config().withTls(rsa),
                ScriptedProvider.accepting("primary"),
                OutboxConfig.DEFAULTS,
                false)) {
            String reply = new MailClient(h.relay.port())
                    .auth("PLAIN")
                    .startTls(RelayHarness.resource("tls/relay-test-rsa.crt"))
                    .send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
        }
    }
}

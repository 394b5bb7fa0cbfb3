package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.outbox.store.Submitter;
import dev.postern.server.auth.Hashes;
import dev.postern.server.auth.SenderDomains;
import dev.postern.server.auth.SmtpUser;
import dev.postern.server.auth.TrustedNetworks;
import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.server.smtp.internal.Client;
import dev.postern.sim.smtp.RawSmtp;
import jakarta.mail.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relay as applications meet it: Angus Mail on loopback, a real outbox on SQLite behind it. */
class SmtpRelayTest {
    @TempDir
    Path dir;

    @Test
    void acceptedMailIsInTheOutboxUnderTheQueuedIdWithItsBytesUnchanged() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config())) {
            String reply = new MailClient(h.relay.port()).auth("PLAIN").send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).matches("250 2\\.0\\.0 queued as \\S+");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            RelayHarness.Stored stored = h.stored(id).orElseThrow();
            assertThat(stored.rawMime()).isEqualTo(Messages.receipt().getBytes(StandardCharsets.UTF_8));
            assertThat(stored.envelope()).contains("orders@shop.example").contains("ada@example.com");
            assertThat(h.outbox.find(id).orElseThrow().submitter()).isEqualTo(new Submitter("smtp_user:" + USER));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void eitherAuthMechanismLetsAConfiguredUserRelay(String mechanism) throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config())) {
            String reply = new MailClient(h.relay.port()).auth(mechanism).send(Messages.receipt(), USER, PASSWORD);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void wrongPasswordIsRefusedWith535AndNothingIsQueued() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config())) {
            MailClient client = new MailClient(h.relay.port()).auth("PLAIN");

            assertThatThrownBy(() -> client.send(Messages.receipt(), USER, PASSWORD + "x"))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("535 5.7.8");
            assertThat(h.storedCount()).isZero();
        }
    }

    @Test
    void unauthenticatedClientOutsideTrustedNetworksCannotRelay() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");

            assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).isEqualTo("530 5.7.0 Authentication required");
            assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("503");
            assertThat(h.storedCount()).isZero();
        }
    }

    @Test
    void clientInATrustedNetworkRelaysWithoutAuthAndAnySenderDomain() throws Exception {
        SmtpRelayConfig config = RelayHarness.config().withTrustedNetworks(new TrustedNetworks(List.of("127.0.0.0/8")));
        try (RelayHarness h = new RelayHarness(dir, config)) {
            String reply = new MailClient(h.relay.port())
                    .send(Messages.receipt("alerts@ops.example", "oncall@example.com"), null, null);

            assertThat(reply).startsWith("250 2.0.0 queued as ");
            String id = reply.substring(reply.lastIndexOf(' ') + 1);
            assertThat(h.outbox.find(id).orElseThrow().submitter()).isEqualTo(Client.TRUSTED_NETWORK);
        }
    }

    @Test
    void envelopeSenderOutsideTheUsersDomainsIsRefusedAtMailWith553() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config())) {
            MailClient client = new MailClient(h.relay.port()).auth("PLAIN");

            assertThatThrownBy(
                            () -> client.send(Messages.receipt("ceo@bank.example", "ada@example.com"), USER, PASSWORD))
                    .isInstanceOfSatisfying(SMTPSendFailedException.class, e -> {
                        assertThat(e.getReturnCode()).isEqualTo(553);
                        assertThat(e.getMessage()).contains("5.7.1 Sender domain bank.example");
                    });
            assertThat(h.storedCount()).isZero();
        }
    }

    @Test
    void fromHeaderOutsideTheUsersDomainsIsRefusedAfterDataEvenWithAnAllowedEnvelope() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            assertThat(smtp.authPlain(USER, PASSWORD)).startsWith("235");
            assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");

            String forged = Messages.receipt().replace("From: Shop <orders@shop.example>", "From: <ceo@bank.example>");
            assertThat(smtp.data(forged)).startsWith("550 5.7.1 Sender domain bank.example (From: header)");
            assertThat(h.storedCount()).isZero();
        }
    }

    @Test
    void declaredOversizeIsRefusedAtMailAndUndeclaredOversizeAfterDataWith552() throws Exception {
        SmtpRelayConfig config = RelayHarness.config().withMaxMessageBytes(200);
        try (RelayHarness h = new RelayHarness(dir, config);
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            assertThat(smtp.send("EHLO app.example")).contains("250-SIZE 200");
            smtp.authPlain(USER, PASSWORD);

            assertThat(smtp.send("MAIL FROM:<orders@shop.example> SIZE=5000")).startsWith("552 5.3.4");

            assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
            String big = Messages.receipt().replace("Thanks for your order.", "x".repeat(500));
            assertThat(smtp.data(big)).startsWith("552 5.3.4 Message size exceeds fixed maximum message size");

            // the session stays in step: the next transaction is served
            assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
            assertThat(h.storedCount()).isZero();
        }
    }

    @Test
    void recipientsBeyondTheLimitGet452AndTheOthersAreStillDelivered() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config().withMaxRecipients(2));
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<bob@example.com>")).startsWith("250");

            assertThat(smtp.send("RCPT TO:<eve@example.com>")).isEqualTo("452 4.5.3 Too many recipients");

            assertThat(smtp.data(Messages.receipt())).startsWith("250 2.0.0 queued as ");
            assertThat(h.storedCount()).isEqualTo(1);
        }
    }

    @Test
    void ehloAdvertisesTheExtensionsOfTheContract() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config().withTls(RelayHarness.TLS));
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            assertThat(smtp.greeting).startsWith("220 ");

            assertThat(smtp.send("EHLO app.example").lines().map(l -> l.substring(4)))
                    .contains(
                            "SIZE 26214400",
                            "8BITMIME",
                            "PIPELINING",
                            "ENHANCEDSTATUSCODES",
                            "STARTTLS",
                            "AUTH PLAIN LOGIN");
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);

            smtp.write("MAIL FROM:<orders@shop.example>\r\nRCPT TO:<ada@example.com>\r\nRCPT TO:<bob@example.com>\r\n"
                    + "DATA\r\n");

            assertThat(List.of(smtp.reply(), smtp.reply(), smtp.reply(), smtp.reply()))
                    .extracting(r -> r.substring(0, 3))
                    .containsExactly("250", "250", "250", "354");
            smtp.write(Messages.receipt());
            assertThat(smtp.send(".")).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void messageWithoutFromHeaderIsRefusedWith554NamingTheProblem() throws Exception {
        String noFrom = Messages.receipt().replace("From: Shop <orders@shop.example>\r\n", "");

        assertThat(transactionEndingWith(noFrom))
                .startsWith("554 5.6.0")
                .contains("From: header must hold exactly one");
    }

    @Test
    void bareLineFeedThatCouldSmuggleAHeaderIsRefusedWith554() throws Exception {
        String smuggled =
                Messages.receipt().replace("Subject: Your receipt", "Subject: Your receipt\nBcc: eve@example.com");

        assertThat(transactionEndingWith(smuggled)).startsWith("554 5.6.0").contains("bare LF in line 3");
    }

    @Test
    void encodedLineBreakInTheSubjectIsRefusedWith554NamingTheField() throws Exception {
        String injected = Messages.receipt()
                .replace("Subject: Your receipt", "Subject: =?UTF-8?Q?Hi=0D=0ABcc:_eve@example.com?=");

        assertThat(transactionEndingWith(injected)).startsWith("554 5.6.0 Message content invalid: subject:");
    }

    @Test
    void anAddressInTheFromDisplayNameIsRefusedWith554NamingFrom() throws Exception {
        String spoofed = Messages.receipt()
                .replace("From: Shop <orders@shop.example>", "From: \"ceo@bank.example\" <orders@shop.example>");

        assertThat(transactionEndingWith(spoofed))
                .startsWith("554 5.6.0 Message content invalid: from:")
                .contains("display name must not hold an address");
    }

    @Test
    void aUserWhoseConfigAllowsItSendWithAnAddressInTheFromDisplayName() throws Exception {
        SmtpRelayConfig config = RelayHarness.config()
                .withUsers(List.of(new SmtpUser(
                        USER, Hashes.sha256Hex(PASSWORD), new SenderDomains(List.of("shop.example")), true)));
        String named = Messages.receipt()
                .replace("From: Shop <orders@shop.example>", "From: \"orders@shop.example\" <orders@shop.example>");
        try (RelayHarness h = new RelayHarness(dir, config);
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");

            assertThat(smtp.data(named)).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void aProviderControlHeaderIsRefusedWith554NamingTheHeader() throws Exception {
        String steering = Messages.receipt().replace("Subject: Your receipt", "Subject: Your receipt\r\nX-SMTPAPI: {}");

        assertThat(transactionEndingWith(steering))
                .startsWith("554 5.6.0 Message content invalid: headers.X-SMTPAPI:")
                .contains("provider-control");
    }

    @Test
    void invalidRecipientAddressIsRefusedAtRcptWith553() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");

            assertThat(smtp.send("RCPT TO:<ada@@example.com>")).startsWith("553 5.1.3 Bad recipient address syntax");
        }
    }

    /** An authenticated transaction for ada@example.com whose data is {@code message}; the reply to the dot. */
    private String transactionEndingWith(String message) throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");
            String reply = smtp.data(message);
            assertThat(h.storedCount()).isZero();
            return reply;
        }
    }
}

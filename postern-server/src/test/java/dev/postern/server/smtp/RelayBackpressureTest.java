package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.OutboxUnavailableException;
import dev.postern.outbox.OutboxUnavailableException.Reason;
import dev.postern.provider.SendOutcome;
import dev.postern.sim.smtp.RawSmtp;
import dev.postern.testing.ScriptedProvider;
import dev.postern.time.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the outbox cannot take a message the client hears 4xx and keeps it: never a 250 for a lost message. */
class RelayBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void storeThatCannotCommitIsAnswered451AndTheSessionGoesOn() throws Exception {
        AtomicInteger offered = new AtomicInteger();
        try (SmtpRelay relay = SmtpRelay.start(
                        RelayHarness.config(),
                        (mime, envelope, parsed, submitter) -> {
                            offered.incrementAndGet();
                            throw new OutboxUnavailableException(
                                    Reason.STORE_UNAVAILABLE, "could not commit: disk I/O error", null);
                        },
                        RelayHarness.CARRIERS,
                        true,
                        Clock.systemUTC(),
                        Scheduler.system());
                RawSmtp smtp = new RawSmtp(relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");

            assertThat(smtp.data(Messages.receipt()))
                    .isEqualTo("451 4.3.0 The message could not be stored; try again later");
            assertThat(offered).hasValue(1);
            assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
        }
    }

    @Test
    void fullOutboxIsAnswered452WhileTheBacklogWaits() throws Exception {
        ScriptedProvider down = ScriptedProvider.accepting("primary").always(new SendOutcome.Unavailable("503"));
        try (RelayHarness h =
                new RelayHarness(dir, RelayHarness.config(), down, OutboxConfig.DEFAULTS.withMaxQueue(1))) {
            MailClient client = new MailClient(h.relay.port()).auth("PLAIN");
            assertThat(client.send(Messages.receipt(), USER, PASSWORD)).startsWith("250 2.0.0 queued as ");

            try (RawSmtp smtp = new RawSmtp(h.relay.port())) {
                smtp.send("EHLO app.example");
                smtp.authPlain(USER, PASSWORD);
                smtp.send("MAIL FROM:<orders@shop.example>");
                smtp.send("RCPT TO:<bob@example.com>");

                assertThat(smtp.data(Messages.receipt("orders@shop.example", "bob@example.com")))
                        .startsWith("452 4.3.1 Insufficient system storage");
            }
            assertThat(h.storedCount()).isEqualTo(1);
        }
    }

    @Test
    void closedOutboxIsAnswered421AndNothingIsWritten() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");
            h.outbox.close();

            assertThat(smtp.data(Messages.receipt())).startsWith("421 4.3.2 Service shutting down");
            assertThat(smtp.reply()).isEqualTo("[EOF]");
            assertThat(h.storedCount()).isZero();
        }
    }
}

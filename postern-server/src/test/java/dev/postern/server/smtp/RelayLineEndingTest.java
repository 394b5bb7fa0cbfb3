package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.smtp.RawSmtp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command ended by a bare LF is answered at once and the connection closed, rather than left
 * waiting for a CRLF until the command timeout. The timeout here is ten minutes, far beyond
 * {@link Wire}'s 15 s read limit, so silence fails the test instead of passing late.
 */
class RelayLineEndingTest {
    @TempDir
    static Path dir;

    static RelayHarness h;

    @BeforeAll
    static void start() {
        h = new RelayHarness(dir, RelayHarness.config().withCommandTimeout(Duration.ofMinutes(10)));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aCommandEndedByABareLfIsAnswered500AndTheConnectionClosed() throws Exception {
        try (Wire wire = new Wire(h.relay.port(), "127.0.0.1")) {
            assertThat(wire.reply()).startsWith("220");
            wire.write("EHLO x\n");

            List<String> lines = wire.linesUntilClosed();

            assertThat(lines).containsExactly("500 5.5.2 line must end with CRLF");
        }
    }

    @Test
    void commandsBeforeTheBareLfAreStillAnsweredInOrder() throws Exception {
        try (Wire wire = new Wire(h.relay.port(), "127.0.0.1")) {
            assertThat(wire.reply()).startsWith("220");
            wire.write("NOOP\r\nNOOP\n");

            List<String> lines = wire.linesUntilClosed();

            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("250");
            assertThat(lines.get(1)).isEqualTo("500 5.5.2 line must end with CRLF");
        }
    }

    @Test
    void aBareLfInsideTheMessageIsStillTheMessagesRefusalNotACommandError() throws Exception {
        try (RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");

            String reply =
                    smtp.data("From: <orders@shop.example>\r\nTo: <ada@example.com>\r\nSubject: s\r\n\r\nbare\nLF\r\n");

            assertThat(reply).startsWith("5").doesNotContain("line must end with CRLF");
            assertThat(smtp.send("NOOP")).startsWith("250");
        }
    }
}

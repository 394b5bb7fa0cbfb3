package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.postern.server.config.SmtpRelayConfig;
import dev.postern.sim.smtp.RawSmtp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void closeRefusesNewConnectionsButLetsAMessageInDataFinishWith250() throws Exception {
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config());
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);
            smtp.send("MAIL FROM:<orders@shop.example>");
            smtp.send("RCPT TO:<ada@example.com>");
            assertThat(smtp.send("DATA")).startsWith("354");
            String message = Messages.receipt();
            smtp.write(message.substring(0, 40));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(h.relay::close);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> greeting(h.relay.port()).startsWith("421 4.3.2"));

            smtp.write(message.substring(40));
            String reply = smtp.send(".");
            assertThat(reply).startsWith("250 2.0.0 queued as ");
            closing.get();
            assertThat(h.stored(reply.substring(reply.lastIndexOf(' ') + 1))).isPresent();
        }
    }

    @Test
    void sessionIdleLongerThanTheCommandTimeoutIsClosedWith421() throws Exception {
        SmtpRelayConfig config = RelayHarness.config().withCommandTimeout(Duration.ofMillis(200));
        try (RelayHarness h = new RelayHarness(dir, config);
                RawSmtp smtp = new RawSmtp(h.relay.port())) {
            // the client says nothing; the relay's read times out on its own
            assertThat(smtp.reply()).startsWith("421");
        }
    }

    @Test
    void oneClientAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        SmtpRelayConfig config = RelayHarness.config().withMaxConnections(8); // 2 per client address
        try (RelayHarness h = new RelayHarness(dir, config);
                RawSmtp first = new RawSmtp(h.relay.port());
                RawSmtp second = new RawSmtp(h.relay.port());
                RawSmtp third = new RawSmtp(h.relay.port())) {
            assertThat(first.greeting).startsWith("220");
            assertThat(second.greeting).startsWith("220");
            assertThat(third.greeting).startsWith("421 4.7.0 Too many connections from your address");
        }
    }

    private static String greeting(int port) {
        try (RawSmtp probe = new RawSmtp(port)) {
            return probe.greeting;
        } catch (IOException e) {
            return e.toString();
        }
    }
}

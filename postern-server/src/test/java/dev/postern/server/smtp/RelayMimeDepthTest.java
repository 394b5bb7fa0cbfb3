package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.sim.smtp.RawSmtp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multiparts nested deeper than 32 levels are refused for good ({@code 554 5.6.0}) after reading at
 * most 33 levels, so an 830 KB bomb of 10,000 levels is answered as quickly as a small one (within
 * {@link RawSmtp}'s 10 s read limit, where it once took 13.7 s and ended in {@code 421}), and the same
 * session goes on to send a normal message.
 */
class RelayMimeDepthTest {
    @TempDir
    static Path dir;

    static RelayHarness h;

    @BeforeAll
    static void start() {
        h = new RelayHarness(dir, RelayHarness.config());
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void multipartsNestedFortyDeepAre554NamingTheLimitAndTheSessionSendsOn() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, MimeBomb.nested(40)))
                    .startsWith("554 5.6.0")
                    .contains("nested deeper than 32");
            assertThat(transaction(smtp, Messages.receipt())).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void anEightHundredKilobyteBombTenThousandDeepIs554AndTheSessionSendsOn() throws Exception {
        String bomb = MimeBomb.nested(10_000);
        assertThat(bomb.length()).isBetween(800_000, 860_000);
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, bomb)).startsWith("554 5.6.0").contains("nested deeper than 32");
            assertThat(transaction(smtp, Messages.receipt())).startsWith("250 2.0.0 queued as ");
        }
    }

    @Test
    void multipartsNestedThirtyTwoDeepAreAccepted() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, MimeBomb.nested(32))).startsWith("250 2.0.0 queued as ");
        }
    }

    private static RawSmtp session() throws Exception {
        RawSmtp smtp = new RawSmtp(h.relay.port());
        smtp.send("EHLO app.example");
        assertThat(smtp.authPlain(USER, PASSWORD)).startsWith("235");
        return smtp;
    }

    private static String transaction(RawSmtp smtp, String message) throws Exception {
        assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
        assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
        return smtp.data(message);
    }
}

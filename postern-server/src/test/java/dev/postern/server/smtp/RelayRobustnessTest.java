package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.postern.sim.smtp.RawSmtp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile SMTP clients against one relay: seeded, pipelined garbage (commands out of order, bare LF,
 * NUL bytes, very long lines, huge headers) is answered with RFC 5321 replies or disconnected;
 * 10,000 recipients, DATA without its end and silent senders are answered or cut off after the
 * command timeout; one address cannot take more than its share of sessions — and all the while
 * another client is still served. Property-based with QuickTheories (jqwik 1.10's engine prints a
 * notice that AI coding agents must not use it); the count of cases is printed.
 */
class RelayRobustnessTest {
    static final long SEED = 0x5A7_2026L;
    static final int CASES = 60;
    static final int PER_CLIENT = 4;

    @TempDir
    static Path dir;

    static RelayHarness h;

    @BeforeAll
    static void start() {
        h = new RelayHarness(
                dir,
                RelayHarness.config()
                        .withCommandTimeout(Duration.ofSeconds(1))
                        .withMaxRecipients(50)
                        .withMaxMessageBytes(256 * 1024)
                        .withMaxConnections(40)
                        .withMaxConnectionsPerClient(PER_CLIENT));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void seededGarbageIsAnsweredPerRfc5321OrCutOffAndNothingIsHalfStored() throws Exception {
        AtomicInteger cases = new AtomicInteger();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger legitimate = new AtomicInteger();
        long before = h.storedCount();
        qt().withFixedSeed(SEED)
                .withExamples(CASES)
                .withShrinkCycles(3)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    cases.incrementAndGet();
                    List<String> lines = exchange(HostileSmtp.session(new Random(seed), USER, PASSWORD), seed);
                    for (String line : lines) {
                        // RFC 5321 §4.2: three digits 2xx..5xx, then a space or a hyphen
                        assertThat(line).as("seed %d", seed).matches("[2-5][0-5][0-9]([ -].*)?");
                        if (line.startsWith("250 2.0.0 queued as ")) {
                            queued.incrementAndGet();
                        }
                    }
                    replies.addAndGet(lines.size());
                    if (cases.get() % 10 == 0) {
                        assertLegitimateMailIsServed();
                        legitimate.incrementAndGet();
                    }
                });

        System.out.printf(
                "RelayRobustnessTest: %d hostile sessions (seed %#x), %d reply lines, %d messages queued%n",
                cases.get(), SEED, replies.get(), queued.get());
        assertThat(h.storedCount() - before)
                .as("every stored message was answered 250")
                .isEqualTo(queued.get() + legitimate.get());
        assertLegitimateMailIsServed();
    }

    @Test
    void aSizeBeyondAnyNumberIsAnswered552AndGarbageSize501() throws Exception {
        try (RawSmtp smtp = new RawSmtp(h.relay.port())) {
            smtp.send("EHLO app.example");
            smtp.authPlain(USER, PASSWORD);

            assertThat(smtp.send("MAIL FROM:<orders@shop.example> SIZE=4022795620816821126"))
                    .startsWith("552 5.3.4");
            assertThat(smtp.send("MAIL FROM:<orders@shop.example> SIZE=99999999999999999999999999"))
                    .startsWith("552 5.3.4");
            assertThat(smtp.send("MAIL FROM:<orders@shop.example> SIZE=-1")).startsWith("501 5.5.4");
            assertThat(smtp.send("MAIL FROM:<orders@shop.example> SIZE=1000")).startsWith("250");
        }
    }

    @Test
    void tenThousandRecipientsAreEachAnsweredAndOnlyTheLimitIsTaken() throws Exception {
        try (Wire wire = new Wire(h.relay.port(), "127.0.0.4")) {
            StringBuilder out = new StringBuilder("EHLO app.example\r\nAUTH PLAIN " + RawSmtp.plainToken(USER, PASSWORD)
                    + "\r\nMAIL FROM:<orders@shop.example>\r\n");
            for (int i = 0; i < 10_000; i++) {
                out.append("RCPT TO:<r").append(i).append("@example.com>\r\n");
            }
            out.append("QUIT\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    wire.write(out.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            List<String> replies = new ArrayList<>();
            String reply;
            while ((reply = wire.reply()) != null) {
                replies.add(reply);
            }
            writer.join(Duration.ofSeconds(15));

            List<String> rcpt = replies.subList(4, replies.size() - 1);
            assertThat(rcpt).hasSize(10_000);
            assertThat(rcpt.subList(0, 50)).allMatch(r -> r.startsWith("250"));
            assertThat(rcpt.subList(50, 10_000)).allMatch(r -> r.equals("452 4.5.3 Too many recipients"));
            assertThat(replies.getLast()).startsWith("221");
        }
    }

    @Test
    void dataWithoutItsEndIsCutOffAfterTheCommandTimeoutAndNothingIsStored() throws Exception {
        long before = h.storedCount();
        try (Wire wire = new Wire(h.relay.port(), "127.0.0.5")) {
            wire.write("EHLO app.example\r\nAUTH PLAIN " + RawSmtp.plainToken(USER, PASSWORD)
                    + "\r\nMAIL FROM:<orders@shop.example>\r\nRCPT TO:<ada@example.com>\r\nDATA\r\n"
                    + Messages.receipt().replace("Thanks", "Thanks\r\n.x"));

            assertLegitimateMailIsServed();
            List<String> lines = wire.linesUntilClosed();

            assertThat(lines.getLast()).startsWith("421");
            assertThat(lines).noneMatch(l -> l.contains("queued as"));
        }
        assertThat(h.storedCount()).isEqualTo(before + 1); // only the legitimate one
    }

    @Test
    void aSilentSenderIsCutOffAfterTheCommandTimeout() throws Exception {
        try (Wire wire = new Wire(h.relay.port(), "127.0.0.6")) {
            assertThat(wire.reply()).startsWith("220");
            wire.write("EHLO slow.example\r\nMAIL FROM:<orders@sh");

            assertLegitimateMailIsServed();
            List<String> lines = wire.linesUntilClosed();

            assertThat(lines.getLast()).startsWith("421");
        }
    }

    @Test
    void oneAddressGetsAtMostItsShareOfSessionsAndOthersStillConnect() throws Exception {
        List<Wire> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_CLIENT; i++) {
                Wire wire = new Wire(h.relay.port(), "127.0.0.7");
                assertThat(wire.reply()).startsWith("220");
                held.add(wire);
            }
            try (Wire extra = new Wire(h.relay.port(), "127.0.0.7")) {
                assertThat(extra.reply())
                        .isEqualTo("421 4.7.0 Too many connections from your address; try again later");
                assertThat(extra.reply()).isNull();
            }
            assertLegitimateMailIsServed();
        } finally {
            for (Wire w : held) {
                w.close();
            }
        }
    }

    /** A client from 127.0.0.1 authenticates and gets its message queued. */
    static void assertLegitimateMailIsServed() {
        try {
            String reply = new MailClient(h.relay.port()).auth("PLAIN").send(Messages.receipt(), USER, PASSWORD);
            assertThat(reply).startsWith("250 2.0.0 queued as ");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError("a legitimate client was not served", e);
        }
    }

    /**
     * Writes the whole session pipelined from an address in 127.0.1.0/24 chosen by the seed (so that
     * what one session's guessing earns its address does not decide every later session) and
     * returns every reply line until closed.
     */
    private static List<String> exchange(byte[] session, long seed) {
        try (Wire wire = new Wire(h.relay.port(), "127.0.1." + (2 + Math.floorMod(seed, 200)))) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    wire.write(session);
                } catch (IOException e) {
                    // the relay closed first (a 421 or 500 ended the session): what it said is read below
                }
            });
            List<String> lines = wire.linesUntilClosed();
            writer.join(Duration.ofSeconds(15));
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

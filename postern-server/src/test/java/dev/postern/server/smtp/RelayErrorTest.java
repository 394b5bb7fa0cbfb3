package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.store.Accepted;
import dev.postern.sim.smtp.RawSmtp;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} while a message is handled ends that message with a reply, never the session:
 * a stack overflow is refused for good, running out of heap is worth a retry, anything else is the
 * relay's fault. Here the intake raises them, picked by the message's subject.
 */
class RelayErrorTest {
    static SmtpRelay relay;
    static final AtomicInteger stored = new AtomicInteger();

    @BeforeAll
    static void start() {
        relay = SmtpRelay.start(
                RelayHarness.config(),
                (mime, envelope, parsed, submitter) -> switch (parsed.subject()) {
                    case "overflow" -> throw new StackOverflowError();
                    case "oom" -> throw new OutOfMemoryError("Java heap space");
                    case "linkage" -> throw new NoClassDefFoundError("dev/postern/Missing");
                    default -> new Accepted("m" + stored.incrementAndGet(), true);
                },
                RelayHarness.CARRIERS,
                true,
                java.time.Clock.systemUTC(),
                RelayHarness.SYSTEM_TIMER);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @Test
    void aStackOverflowIs554ForThatMessageAndTheSessionSendsOn() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, "overflow")).startsWith("554 5.6.0");
            assertThat(transaction(smtp, "fine")).startsWith("250 2.0.0 queued as m");
        }
    }

    @Test
    void runningOutOfHeapIs452SoTheClientRetriesAndTheSessionSendsOn() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, "oom")).startsWith("452 4.3.1");
            assertThat(transaction(smtp, "fine")).startsWith("250 2.0.0 queued as m");
        }
    }

    @Test
    void anyOtherErrorIs451AndTheSessionSendsOn() throws Exception {
        try (RawSmtp smtp = session()) {
            assertThat(transaction(smtp, "linkage")).startsWith("451 4.3.0");
            assertThat(transaction(smtp, "fine")).startsWith("250 2.0.0 queued as m");
        }
    }

    private static RawSmtp session() throws Exception {
        RawSmtp smtp = new RawSmtp(relay.port());
        smtp.send("EHLO app.example");
        assertThat(smtp.authPlain(USER, PASSWORD)).startsWith("235");
        return smtp;
    }

    private static String transaction(RawSmtp smtp, String subject) throws Exception {
        assertThat(smtp.send("MAIL FROM:<orders@shop.example>")).startsWith("250");
        assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
        return smtp.dataLines("From: <orders@shop.example>", "To: <ada@example.com>", "Subject: " + subject, "", "hi");
    }
}

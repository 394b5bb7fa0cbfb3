package dev.postern.sim.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator checks a conversation as a relay would, and shows each fault at its stage. */
class SmtpSimulatorTest {
    private static SmtpSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = new SmtpSimulator(0, "user", "pass").start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.fault(new Fault.Ok());
        simulator.clear();
    }

    private static RawSmtp authenticated() throws IOException {
        RawSmtp smtp = new RawSmtp(simulator.port());
        smtp.send("EHLO client.example");
        assertThat(smtp.authPlain("user", "pass")).startsWith("235");
        return smtp;
    }

    @Test
    void hangGreetingAcceptsConnectionsButNeverGreetsUntilItEnds() throws IOException {
        simulator.fault(new Fault.HangGreeting());
        try (java.net.Socket socket =
                new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), simulator.port())) {
            socket.setSoTimeout(300);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> socket.getInputStream().read())
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }

        simulator.fault(new Fault.Ok());

        try (RawSmtp smtp = new RawSmtp(simulator.port())) {
            assertThat(smtp.greeting).startsWith("220");
        }
    }

    @Test
    void ehloOffersStartTlsAndAuth() throws IOException {
        try (RawSmtp smtp = new RawSmtp(simulator.port())) {
            assertThat(smtp.greeting).startsWith("220");
            assertThat(smtp.send("EHLO client.example"))
                    .contains("STARTTLS")
                    .contains("AUTH")
                    .contains("PLAIN");
        }
        assertThat(simulator.baseUrl().toString()).isEqualTo("smtp://127.0.0.1:" + simulator.port());
    }

    @Test
    void mailWithoutAuthIsRefused() throws IOException {
        try (RawSmtp smtp = new RawSmtp(simulator.port())) {
            smtp.send("EHLO client.example");
            assertThat(smtp.send("MAIL FROM:<a@shop.example>")).startsWith("530");
        }
    }

    @Test
    void wrongCredentialsGet535WithTheEnhancedCode() throws IOException {
        try (RawSmtp smtp = new RawSmtp(simulator.port())) {
            smtp.send("EHLO client.example");
            assertThat(smtp.authPlain("user", "wrong")).startsWith("535 5.7.8");
        }
    }

    @Test
    void aMessageWithoutFromIsRejectedAndNotRecorded() throws IOException {
        try (RawSmtp smtp = authenticated()) {
            smtp.send("MAIL FROM:<a@shop.example>");
            smtp.send("RCPT TO:<b@example.com>");
            assertThat(smtp.dataLines("Subject: no sender", "", "hello")).startsWith("554 5.6.0");
        }
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void anAcceptedMessageIsRecordedWithItsMessageIdAndBcc() throws IOException {
        try (RawSmtp smtp = authenticated()) {
            smtp.send("MAIL FROM:<a@shop.example>");
            smtp.send("RCPT TO:<b@example.com>");
            smtp.send("RCPT TO:<hidden@example.com>");
            String reply = smtp.dataLines(
                    "From: =?UTF-8?Q?Z=C3=B6e?= <a@shop.example>",
                    "To: B <b@example.com>",
                    "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=",
                    "Message-ID: <m1@shop.example>",
                    "X-Postern-Id: 01JX",
                    "",
                    "hello");
            assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as <m1@shop.example>");
        }
        ReceivedMessage received = simulator.received().getFirst();
        assertThat(received.providerMessageId()).isEqualTo("<m1@shop.example>");
        assertThat(received.from()).isEqualTo("Zöe <a@shop.example>");
        assertThat(received.to()).containsExactly("B <b@example.com>");
        assertThat(received.bcc()).containsExactly("hidden@example.com");
        assertThat(received.subject()).isEqualTo("Grüße");
        assertThat(received.text()).contains("hello");
        assertThat(received.header("x-postern-id")).contains("01JX");
    }

    @Test
    void errorAndRateLimitFaultsAnswerMailFrom() throws IOException {
        simulator.fault(new Fault.Error(554));
        try (RawSmtp smtp = authenticated()) {
            assertThat(smtp.send("MAIL FROM:<a@shop.example>")).isEqualTo("554 5.3.0 Transaction failed");
        }
        simulator.fault(new Fault.RateLimit(Duration.ofSeconds(5)));
        try (RawSmtp smtp = authenticated()) {
            assertThat(smtp.send("MAIL FROM:<a@shop.example>")).isEqualTo("421 4.7.0 Too many messages, slow down");
        }
    }

    @Test
    void rejectRecipientAnswersRcpt() throws IOException {
        simulator.fault(new Fault.RejectRecipient());
        try (RawSmtp smtp = authenticated()) {
            smtp.send("MAIL FROM:<a@shop.example>");
            assertThat(smtp.send("RCPT TO:<b@example.com>")).startsWith("550 5.1.1");
        }
    }

    @Test
    void garbageAndResetFaultsStrikeAfterTheFinalDot() throws IOException {
        simulator.fault(new Fault.Garbage());
        assertThat(sendSimpleMessage()).isEqualTo("%%% <<garbage>> not an SMTP reply");
        simulator.fault(new Fault.ResetAfterBody());
        assertThat(sendSimpleMessage()).isEqualTo("[EOF]");
        assertThat(simulator.received()).isEmpty();
    }

    @Test
    void downClosesThePortAndOkReopensIt() throws IOException {
        simulator.fault(new Fault.Down());
        assertThatThrownBy(() -> new RawSmtp(simulator.port())).isInstanceOf(ConnectException.class);

        simulator.fault(new Fault.Ok());
        assertThat(sendSimpleMessage()).startsWith("250");
    }

    @Test
    void flapFollowsItsFirstStepAtOnce() {
        simulator.fault(new Fault.Flap(List.of(
                new Fault.Flap.Step(new Fault.Down(), Duration.ofMinutes(1)),
                new Fault.Flap.Step(new Fault.Ok(), Duration.ofMinutes(1)))));

        assertThat(simulator.fault()).isEqualTo(new Fault.Down());
        assertThatThrownBy(() -> new RawSmtp(simulator.port())).isInstanceOf(ConnectException.class);
    }

    private static String sendSimpleMessage() throws IOException {
        try (RawSmtp smtp = authenticated()) {
            smtp.send("MAIL FROM:<a@shop.example>");
            smtp.send("RCPT TO:<b@example.com>");
            return smtp.dataLines("From: a@shop.example", "To: b@example.com", "Subject: hi", "", "hello");
        }
    }
}

package dev.postern.server;

import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.SMTP_PASSWORD;
import static dev.postern.server.TestGateway.SMTP_USER;
import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.postern.server.smtp.Wire;
import dev.postern.sim.smtp.RawSmtp;
import dev.postern.testing.FakeTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Guessing SMTP passwords or API keys from one address: a few failures are free, then the address
 * waits longer after each, then it is refused outright (even the right secret) until the window
 * passes; other addresses are never affected. The gateway runs on a fake clock, so nothing waits.
 */
class AuthGuessingTest {
    private static final String WRONG = SMTP_PASSWORD + "-guess";

    @TempDir
    Path dir;

    @Test
    void guessingSmtpPasswordsIsCutOffAndTheRightPasswordIsRefusedFromThatAddressOnly() throws IOException {
        FakeTime time = new FakeTime();
        try (TestGateway gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time))) {
            int port = gw.gateway.smtpPort();
            List<String> replies = guess(port, "127.0.0.1", 200);

            assertThat(replies).hasSizeLessThan(20);
            assertThat(replies.getFirst()).startsWith("535 5.7.8");
            assertThat(replies).anyMatch(r -> r.startsWith("454 4.7.0"));
            assertThat(replies.getLast()).startsWith("421 4.7.0");

            try (Wire same = new Wire(port, "127.0.0.1")) {
                same.reply();
                same.write("EHLO app.example\r\n");
                same.reply();
                same.write("AUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD) + "\r\n");
                assertThat(same.reply()).startsWith("421 4.7.0");
                assertThat(same.reply()).isNull(); // closed
            }
            assertThat(authenticate(port, "127.0.0.2")).startsWith("235");

            time.advance(Duration.ofMinutes(10).plusSeconds(1));
            assertThat(authenticate(port, "127.0.0.1")).startsWith("235");
        }
    }

    @Test
    void wrongApiKeysGet429WithRetryAfterAndTheRightKeyWaitsTooFromThatAddressOnly() throws IOException {
        FakeTime time = new FakeTime();
        try (TestGateway gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time));
                HttpClient other = HttpClient.newBuilder()
                        .localAddress(InetAddress.getByName("127.0.0.2"))
                        .build()) {
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> throttled = null;
            for (int i = 0; i < 200 && throttled == null; i++) {
                HttpResponse<String> answer = gw.get("/v1/messages/none", "pst_guess-" + i);
                statuses.add(answer.statusCode());
                throttled = answer.statusCode() == 429 ? answer : null;
            }

            assertThat(statuses).hasSizeLessThan(20).startsWith(401);
            assertThat(throttled).isNotNull();
            assertThat(json(throttled).get("error").get("code").asText()).isEqualTo("auth_throttled");
            assertThat(throttled.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            for (int i = 0; i < 10; i++) {
                gw.get("/v1/messages/none", "pst_still-guessing-" + i); // ignores Retry-After: blocked
            }
            HttpResponse<String> right = gw.get("/v1/messages/none", SEND_KEY);
            assertThat(right.statusCode()).isEqualTo(429);
            assertThat(right.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isGreaterThan(60));

            HttpResponse<String> elsewhere = TestGateway.send(
                    other, gw.request("/v1/messages/none", SEND_KEY).build());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            HttpResponse<String> wrongElsewhere = TestGateway.send(
                    other, gw.request("/v1/messages/none", "pst_one-typo").build());
            assertThat(wrongElsewhere.statusCode()).isEqualTo(401);

            time.advance(Duration.ofMinutes(10).plusSeconds(1));
            assertThat(gw.get("/v1/messages/none", SEND_KEY).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aGuessingRunIsLoggedAsASummaryNotALinePerFailure() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        FakeTime time = new FakeTime();
        try (TestGateway gw = new TestGateway(dir, TestGateway.DEFAULT_SINKS, TestGateway.on(time))) {
            int port = gw.gateway.smtpPort();
            int tries = 0;
            for (int session = 0; session < 20 && tries < 200; session++) {
                List<String> replies = guess(port, "127.0.0.1", 200 - tries);
                tries += replies.size();
            }
            for (int i = 0; i < 50; i++) {
                gw.get("/v1/messages/none", "pst_guess-" + i);
            }
        } finally {
            root.detachAppender(logs);
        }

        List<String> aboutGuessing = logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("127.0.0.1") && m.contains("fail"))
                .toList();
        assertThat(aboutGuessing).hasSizeLessThanOrEqualTo(3);
        assertThat(aboutGuessing)
                .anyMatch(m -> m.contains("10 failed authentications from 127.0.0.1") && m.contains("within"));
        assertThat(aboutGuessing).noneMatch(m -> m.contains(WRONG) || m.contains("pst_guess"));
    }

    /** Up to {@code tries} wrong AUTH PLAIN in one session from {@code from}; the replies until it closed. */
    private static List<String> guess(int port, String from, int tries) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Wire wire = new Wire(port, from)) {
            wire.reply();
            wire.write("EHLO app.example\r\n");
            wire.reply();
            for (int i = 0; i < tries; i++) {
                wire.write("AUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, WRONG) + "\r\n");
                String reply = wire.reply();
                if (reply == null) {
                    break;
                }
                replies.add(reply);
                if (reply.startsWith("421")) {
                    break;
                }
            }
        }
        return replies;
    }

    /** The reply to the right AUTH PLAIN from {@code from}. */
    private static String authenticate(int port, String from) throws IOException {
        try (Wire wire = new Wire(port, from)) {
            wire.reply();
            wire.write("EHLO app.example\r\n");
            wire.reply();
            wire.write("AUTH PLAIN " + RawSmtp.plainToken(SMTP_USER, SMTP_PASSWORD) + "\r\n");
            return wire.reply();
        }
    }
}

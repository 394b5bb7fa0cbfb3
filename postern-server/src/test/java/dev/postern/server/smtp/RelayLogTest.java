package dev.postern.server.smtp;

import static dev.postern.server.smtp.RelayHarness.PASSWORD;
import static dev.postern.server.smtp.RelayHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.postern.sim.smtp.RawSmtp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** With every logger at DEBUG, no log line holds a password or an AUTH payload. */
class RelayLogTest {
    private static final Pattern BASE64_WORD = Pattern.compile("[A-Za-z0-9+/]{12,}={0,2}");

    @TempDir
    Path dir;

    @Test
    void noLogLineHoldsAPasswordOrAnAuthPayloadEvenAtDebug() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        String wrong = PASSWORD + "-wrong";
        try (RelayHarness h = new RelayHarness(dir, RelayHarness.config())) {
            new MailClient(h.relay.port()).auth("PLAIN").send(Messages.receipt(), USER, PASSWORD);
            new MailClient(h.relay.port()).auth("LOGIN").send(Messages.receipt(), USER, PASSWORD);
            assertThatThrownBy(
                            () -> new MailClient(h.relay.port()).auth("PLAIN").send(Messages.receipt(), USER, wrong))
                    .hasMessageContaining("535");
            assertThatThrownBy(
                            () -> new MailClient(h.relay.port()).auth("LOGIN").send(Messages.receipt(), USER, wrong))
                    .hasMessageContaining("535");
            try (RawSmtp smtp = new RawSmtp(h.relay.port())) {
                smtp.send("EHLO app.example");
                smtp.send("AUTH PLAIN " + RawSmtp.plainToken(wrong, PASSWORD)); // password in the user field
            }
        } finally {
            root.setLevel(before);
            root.detachAppender(logs);
        }

        List<String> lines = logs.list.stream().map(RelayLogTest::line).toList();
        assertThat(lines)
                .anyMatch(l -> l.contains("SMTP AUTH") && l.contains("failed")); // the scan saw the relay's logs
        for (String secret : List.of(PASSWORD, wrong)) {
            assertThat(lines)
                    .noneMatch(l -> l.contains(secret) || decodedBase64(l).contains(secret));
        }
    }

    /** Every base64 word of the line, decoded: AUTH payloads carry the password inside one. */
    private static String decodedBase64(String line) {
        StringBuilder decoded = new StringBuilder();
        Matcher words = BASE64_WORD.matcher(line);
        while (words.find()) {
            try {
                decoded.append(new String(Base64.getDecoder().decode(words.group()), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IllegalArgumentException e) {
                // not base64 after all
            }
        }
        return decoded.toString();
    }

    private static String line(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap() + thrown;
    }
}

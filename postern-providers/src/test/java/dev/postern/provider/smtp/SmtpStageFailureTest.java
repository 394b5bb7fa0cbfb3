package dev.postern.provider.smtp;

import static dev.postern.provider.smtp.ScriptedSmtpServer.HANG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the adapter makes of a failure at each stage of a real SMTP conversation, one row per stage
 * and reply, against a scripted server on loopback: the whole path through Angus, the stage
 * tracking and {@link SmtpClassifier}.
 */
class SmtpStageFailureTest {
    private static final AttemptContext CONTEXT = new AttemptContext("01JSTAGE000000000000000000", 1, true);

    private static SmtpProvider adapter(int port) {
        SmtpConfig config = SmtpConfig.of("127.0.0.1", port)
                .withTls(SmtpTls.NONE)
                .withCredentials("user", new Secret("stage-password-1"))
                .withPoolSize(0)
                .withTimeouts(SmtpTimeouts.of(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));
        return new SmtpProvider(config, Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0} answered ''{1}'' is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GREETING  | 554 5.7.1 No SMTP service here                | Unavailable
            GREETING  | 421 4.7.0 Too many connections, try later      | RateLimited
            GREETING  | <hang>                                        | Unavailable
            GREETING  | <garbage>                                     | Unavailable
            EHLO      | 421 4.3.2 Service shutting down               | Unavailable
            AUTH      | 535 5.7.8 Authentication credentials invalid  | Misconfigured
            AUTH      | 454 4.7.0 Temporary authentication failure    | Unavailable
            AUTH      | 454 Throttling failure: Maximum sending rate exceeded. | RateLimited
            AUTH      | 504 5.5.4 Unrecognized authentication type    | Misconfigured
            MAIL      | 421 4.7.0 Too many messages, slow down        | RateLimited
            MAIL      | 451 4.3.0 Local error in processing           | Unavailable
            MAIL      | 452 4.4.5 Messages per second limit exceeded  | RateLimited
            MAIL      | 554 5.3.0 Transaction failed                  | Unavailable
            MAIL      | 530 5.7.0 Authentication required             | Misconfigured
            MAIL      | 550 5.7.1 Sender not authorized for this account | Misconfigured
            MAIL      | 553 5.1.8 Sender address domain does not exist | Rejected
            MAIL      | 552 5.3.4 Message size exceeds fixed limit    | Rejected
            MAIL      | <close>                                       | Unavailable
            RCPT      | 550 5.1.1 User unknown                        | RecipientsRefused
            RCPT      | 553 5.1.3 Bad recipient address syntax        | RecipientsRefused
            RCPT      | 450 4.2.1 Mailbox busy                        | RecipientsRefused
            RCPT      | 451 4.7.1 Greylisted, try again later         | RecipientsRefused
            RCPT      | 452 4.5.3 Too many recipients                 | RecipientsRefused
            RCPT      | 421 4.3.2 Service shutting down               | Unavailable
            RCPT      | 452 4.4.5 Daily message limit exceeded        | RateLimited
            RCPT      | 554 5.7.1 Relay access denied                 | Misconfigured
            DATA      | 451 4.3.0 Local error in processing           | Unavailable
            DATA      | 554 5.5.1 Transaction failed                  | Unavailable
            DATA      | <hang>                                        | Unavailable
            AFTER_DOT | 552 5.3.4 Message size exceeds fixed limit    | Rejected
            AFTER_DOT | 554 5.7.1 Message rejected as spam            | Rejected
            AFTER_DOT | 554 Message rejected: Email address is not verified. | Misconfigured
            AFTER_DOT | 451 4.3.0 Queue file write error              | Unavailable
            AFTER_DOT | 421 4.7.0 Too many messages, slow down        | RateLimited
            AFTER_DOT | <hang>                                        | Ambiguous
            AFTER_DOT | <close>                                       | Ambiguous
            AFTER_DOT | <garbage>                                     | Ambiguous
            """)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFailureAtEachStageHasTheOutcomeItsReplyMeans(SmtpStage stage, String reply, String outcome)
            throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(stage, reply)) {
            SendOutcome result = adapter(server.port()).send(ProviderContract.richEmail(), CONTEXT);

            assertThat(result.getClass().getSimpleName()).as(result.detail()).isEqualTo(outcome);
            if (!reply.startsWith("<")) {
                assertThat(result.detail()).contains(reply.substring(0, 3));
            }
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free now, closed below: nothing listens there
        }

        SendOutcome result = adapter(port).send(ProviderContract.richEmail(), CONTEXT);

        assertThat(result).isInstanceOf(SendOutcome.Unavailable.class);
        assertThat(result.detail()).contains("connect");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theHealthCheckOfAServerThatNeverGreetsFailsWithinTheTimeout() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(SmtpStage.GREETING, HANG)) {
            assertThat(adapter(server.port()).checkHealth().healthy()).isFalse();
        }
    }

    @Test
    void aRateLimitStatesNoRetryTime() throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(SmtpStage.MAIL, "421 4.7.0 Try again later")) {
            SendOutcome result = adapter(server.port()).send(ProviderContract.richEmail(), CONTEXT);

            assertThat(result).isEqualTo(new SendOutcome.RateLimited(null, "at MAIL FROM: 421 4.7.0 Try again later"));
        }
    }
}

package dev.postern.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.SendOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per row of {@link SmtpClassifier}'s table. */
class SmtpClassifierTest {

    @ParameterizedTest(name = "{0} {1} ''{2}'' is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            AFTER_DOT | -1  | no reply in time                           | Ambiguous
            AFTER_DOT | 251 | 251 2.1.5 will forward                     | Ambiguous
            MAIL      | -1  | connection failed: SocketException          | Unavailable
            GREETING  | -1  | [EOF]                                      | Unavailable
            BODY      | -1  | connection failed: Broken pipe              | Unavailable
            DATA      | 250 | 250 2.0.0 Ok                               | Unavailable
            MAIL      | 530 | 530 5.7.0 Authentication required          | Misconfigured
            AFTER_DOT | 535 | 535 5.7.8 Authentication credentials invalid | Misconfigured
            AUTH      | 534 | 534 5.7.9 Authentication mechanism is too weak | Misconfigured
            AUTH      | 538 | 538 5.7.11 Encryption required             | Misconfigured
            AUTH      | 504 | 504 5.5.4 Unrecognized authentication type | Misconfigured
            AUTH      | 454 | 454 Throttling failure: Maximum sending rate exceeded. | RateLimited
            MAIL      | 421 | 421 4.7.0 Too many messages, slow down      | RateLimited
            RCPT      | 450 | 450 4.7.1 Client host rejected: try later   | RateLimited
            RCPT      | 451 | 451 4.7.1 Greylisted                        | RateLimited
            MAIL      | 452 | 452 4.4.5 Messages per second limit exceeded | RateLimited
            AFTER_DOT | 421 | 421 Rate limit reached, slow down            | RateLimited
            AUTH      | 454 | 454 4.7.0 Temporary authentication failure  | Unavailable
            MAIL      | 451 | 451 4.3.0 Local error in processing         | Unavailable
            AFTER_DOT | 452 | 452 4.3.1 Insufficient system storage       | Unavailable
            STARTTLS  | 454 | 454 4.7.0 TLS not available                 | Unavailable
            GREETING  | 554 | 554 5.7.1 No SMTP service here              | Unavailable
            EHLO      | 550 | 550 5.7.1 Access denied                     | Unavailable
            CONNECT   | 554 | 554 Service refused                         | Unavailable
            STARTTLS  | 501 | 501 5.5.4 Syntax error                      | Unavailable
            MAIL      | 552 | 552 5.3.4 Message size exceeds fixed limit  | Rejected
            MAIL      | 553 | 553 5.1.8 Sender address domain not found   | Rejected
            MAIL      | 550 | 550 5.7.1 Sender not authorized             | Misconfigured
            MAIL      | 554 | 554 5.3.0 Transaction failed                | Unavailable
            MAIL      | 550 | 550 Service refused                         | Unavailable
            RCPT      | 554 | 554 5.7.1 <a@b.example>: Relay access denied | Misconfigured
            RCPT      | 550 | 550 5.1.1 User unknown                      | Rejected
            RCPT      | 553 | 553 5.1.3 Bad recipient address syntax      | Rejected
            RCPT      | 550 | 550 5.7.1 Recipient suppressed              | Rejected
            DATA      | 554 | 554 5.5.1 Transaction failed                | Unavailable
            AFTER_DOT | 554 | 554 Message rejected: Email address is not verified. | Misconfigured
            AFTER_DOT | 552 | 552 5.3.4 Message size exceeds fixed limit  | Rejected
            AFTER_DOT | 554 | 554 5.7.1 Message rejected as spam          | Rejected
            AFTER_DOT | 550 | 550 5.7.26 DMARC policy rejects the message | Rejected
            """)
    void eachTableRow(SmtpStage stage, int code, String reply, String outcome) {
        SendOutcome result = SmtpClassifier.classify(stage, code, reply);

        assertThat(result.getClass().getSimpleName()).as(result.detail()).isEqualTo(outcome);
    }

    @Test
    void rateLimitsStateNoRetryTime() {
        SendOutcome result = SmtpClassifier.classify(SmtpStage.MAIL, 421, "421 4.7.0 Too many messages, slow down");

        assertThat(((SendOutcome.RateLimited) result).retryAfter()).isNull();
    }

    @Test
    void detailsNameTheStageAndStayOnOneBoundedLine() {
        String detail = SmtpClassifier.detail(SmtpStage.RCPT, 550, "550-5.1.1 first\r\n550 5.1.1 " + "x".repeat(500));

        assertThat(detail)
                .startsWith("at RCPT TO: 550-5.1.1 first 550 5.1.1")
                .doesNotContain("\n")
                .hasSizeLessThan(220);
    }
}

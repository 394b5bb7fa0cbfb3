package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.SendOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One row per row of the tables in {@link SesClassifier} and {@link SesFailures}. */
class SesClassifierTest {

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            403 | AccessDeniedException               | User is not authorized                      | Misconfigured
            403 | AccessDenied                        | -                                           | Misconfigured
            403 | InvalidSignatureException           | The request signature we calculated…        | Misconfigured
            403 | SignatureDoesNotMatch               | -                                           | Misconfigured
            403 | UnrecognizedClientException         | The security token … is invalid.            | Misconfigured
            403 | InvalidClientTokenId                | -                                           | Misconfigured
            403 | MissingAuthenticationTokenException | Missing Authentication Token                | Misconfigured
            403 | IncompleteSignatureException        | -                                           | Misconfigured
            403 | ExpiredTokenException               | The security token … is expired             | Misconfigured
            400 | NotAuthorized                       | -                                           | Misconfigured
            429 | TooManyRequestsException            | Maximum sending rate exceeded.              | RateLimited
            400 | LimitExceededException              | -                                           | RateLimited
            400 | Throttling                          | Rate exceeded                               | RateLimited
            400 | ThrottlingException                 | -                                           | RateLimited
            400 | -                                   | Throttling failure: Daily message quota exceeded. | RateLimited
            400 | SomethingNew                        | Maximum sending rate exceeded.              | RateLimited
            400 | MailFromDomainNotVerifiedException  | MAIL FROM domain is not verified            | Misconfigured
            400 | AccountSuspendedException           | -                                           | Misconfigured
            400 | SendingPausedException              | -                                           | Misconfigured
            404 | NotFoundException                   | Configuration set <x> does not exist.       | Misconfigured
            400 | MessageRejected                     | Email address is not verified. The following identities failed the check in region EU-WEST-1: a@b.example | Misconfigured
            400 | MessageRejected                     | Message contains a virus                    | Rejected
            400 | BadRequestException                 | Illegal address                             | Rejected
            401 | SomethingNew                        | -                                           | Misconfigured
            403 | -                                   | -                                           | Misconfigured
            500 | InternalFailure                     | -                                           | Unavailable
            503 | ServiceUnavailable                  | -                                           | Unavailable
            502 | -                                   | -                                           | Unavailable
            400 | SerializationException              | -                                           | Unavailable
            418 | -                                   | -                                           | Unavailable
            """)
    void serviceAnswersAreClassifiedByTheTable(int status, String code, String message, String expected) {
        SendOutcome outcome = SesClassifier.classify(status, code, message);

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
        if (outcome instanceof SendOutcome.RateLimited limited) {
            assertThat(limited.retryAfter()).as("SES states no retry time").isNull();
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), SendOutcome.Unavailable.class),
                Arguments.of(
                        new UnknownHostException("email.xx-nowhere-1.amazonaws.com"), SendOutcome.Unavailable.class),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), SendOutcome.Unavailable.class),
                Arguments.of(new SocketTimeoutException("Connect timed out"), SendOutcome.Unavailable.class),
                Arguments.of(new SocketTimeoutException("Read timed out"), SendOutcome.Ambiguous.class),
                Arguments.of(ApiCallTimeoutException.create(1000), SendOutcome.Ambiguous.class),
                Arguments.of(ApiCallAttemptTimeoutException.create(1000), SendOutcome.Ambiguous.class),
                Arguments.of(new SocketException("Connection reset"), SendOutcome.Ambiguous.class),
                Arguments.of(new IOException("Unexpected end of file from server"), SendOutcome.Ambiguous.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failuresWithoutAnAnswerAreReadFromTheCauseChain(Throwable cause, Class<? extends SendOutcome> expected) {
        SdkClientException wrapped = SdkClientException.builder()
                .message("Unable to execute HTTP request: " + cause.getMessage())
                .cause(cause)
                .build();

        assertThat(SesFailures.classify(wrapped)).isInstanceOf(expected);
    }
}

package dev.postern.sim.ses;

import dev.postern.sim.http.SimRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a request as AWS does for SES: a SigV4 {@code Authorization} header scoped to
 * service {@code ses}, a known access key id, an {@code X-Amz-Date} within 15 minutes of now, and
 * a signature that matches the one recomputed with the known secret. A failure is the error AWS
 * answers with (all HTTP 403, error type in {@code x-amzn-ErrorType}).
 */
final class SesAuth {
    /** How far a request's time may be from ours before AWS calls the signature expired. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Why a request was refused: the AWS error code and message. */
    record Refusal(String code, String message) {}

    private final String accessKeyId;
    private final String secretAccessKey;
    private final Clock clock;

    SesAuth(String accessKeyId, String secretAccessKey, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.clock = clock;
    }

    /** Empty when the request is properly signed by the known key, else why not. */
    Optional<Refusal> check(SimRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return refuse("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        SigV4.Authorization auth = SigV4.parse(header.get());
        if (auth == null) {
            return refuse(
                    "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters "
                            + "of algorithm " + SigV4.ALGORITHM);
        }
        if (!auth.service().equals("ses")) {
            return refuse("InvalidSignatureException", "Credential should be scoped to correct service: 'ses'.");
        }
        List<String> signed = List.of(auth.signedHeaders().split(";"));
        Optional<String> amzDate = request.header("X-Amz-Date");
        if (amzDate.isEmpty() || !signed.contains("host") || !signed.contains("x-amz-date")) {
            return refuse(
                    "IncompleteSignatureException",
                    "Authorization header requires the signed headers 'host' and 'x-amz-date'");
        }
        Instant at;
        try {
            at = Instant.from(AMZ_DATE.parse(amzDate.get()));
        } catch (DateTimeParseException e) {
            return refuse("IncompleteSignatureException", "X-Amz-Date must be in ISO 8601 basic format");
        }
        if (!amzDate.get().startsWith(auth.date())) {
            return refuse(
                    "InvalidSignatureException",
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return refuse(
                    "InvalidSignatureException",
                    "Signature expired: " + amzDate.get() + " is now earlier or later than 15 minutes from now");
        }
        if (!auth.accessKeyId().equals(accessKeyId)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String expected = SigV4.expectedSignature(request, auth, amzDate.get(), secretAccessKey);
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), auth.signature().getBytes(StandardCharsets.US_ASCII))) {
            return refuse(
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided. Check your AWS "
                            + "Secret Access Key and signing method. Consult the service documentation for details.");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String code, String message) {
        return Optional.of(new Refusal(code, message));
    }
}

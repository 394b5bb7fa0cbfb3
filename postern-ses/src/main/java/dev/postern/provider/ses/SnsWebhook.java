package dev.postern.provider.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Amazon SES events delivered by Amazon SNS to an HTTPS subscription, verified as AWS documents
 * ("Verifying the signatures of Amazon SNS messages", docs.aws.amazon.com/sns/latest/dg/
 * sns-verify-signature-of-message.html): the documented fields in their documented order make the
 * string to sign; {@code SignatureVersion} 1 is SHA1withRSA, 2 SHA256withRSA, with the certificate at
 * {@code SigningCertURL}, taken only from SNS itself ({@link SnsCertificates}). Only messages of the
 * configured topic are taken. A certificate that cannot be fetched now makes {@link
 * WebhookOutcome.Unavailable} (retried by SNS), one that fetched but does not verify {@link
 * WebhookOutcome.Unauthorized}.
 *
 * <p>{@code SubscriptionConfirmation} asks Postern to visit {@code SubscribeURL} ({@link
 * WebhookOutcome.Subscribe}), {@code Notification} carries one SES event in {@code Message} ({@link
 * SesEvents}), {@code UnsubscribeConfirmation} changes nothing.
 */
final class SnsWebhook implements EventWebhook {
    /**
     * How old a verified SNS message may be: an hour, plus the usual allowance for clocks. Longer
     * than {@link #MAX_AGE} because SNS retries an undelivered message with its original {@code
     * Timestamp}, for up to 3,600 s (a hard limit of HTTP/S delivery policies, "Amazon SNS message
     * delivery retries"), and a genuine retry must not be dropped. The signature cannot be forged,
     * and a replay within the window carries the same event ids, which the event store ignores.
     */
    static final Duration SNS_MAX_AGE = Duration.ofHours(1).plus(MAX_AGE);

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final String topicArn;
    private final SnsCertificates certificates;

    SnsWebhook(String topicArn, SnsCertificates certificates) {
        this.topicArn = topicArn;
        this.certificates = certificates;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return new WebhookOutcome.Malformed("body is over " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(request.body());
        } catch (IOException e) {
            return new WebhookOutcome.Unauthorized("body is not an SNS message");
        }
        if (envelope == null || !envelope.isObject()) {
            return new WebhookOutcome.Unauthorized("body is not an SNS message");
        }
        String type = envelope.path("Type").asText("");
        Optional<String> declared = request.header("x-amz-sns-message-type");
        if (declared.isPresent() && !declared.get().equals(type)) {
            return new WebhookOutcome.Unauthorized("x-amz-sns-message-type does not match Type");
        }
        if (!topicArn.equals(envelope.path("TopicArn").asText())) {
            return new WebhookOutcome.Unauthorized("TopicArn is not the configured topic");
        }
        Optional<String> failure;
        try {
            failure = verify(envelope, type);
        } catch (CertificateUnreachableException e) {
            // SNS retries a 5xx and drops a 4xx: a certificate out of reach must not lose the event
            return new WebhookOutcome.Unavailable(e.getMessage());
        }
        if (failure.isPresent()) {
            return new WebhookOutcome.Unauthorized(failure.get());
        }
        Instant published;
        try {
            published = Instant.parse(envelope.path("Timestamp").asText());
        } catch (DateTimeException e) {
            return new WebhookOutcome.Malformed("Timestamp is not an ISO 8601 time");
        }
        Duration age = Duration.between(published, request.receivedAt());
        if (age.compareTo(SNS_MAX_AGE) > 0 || age.negated().compareTo(MAX_AGE) > 0) {
            return new WebhookOutcome.Stale("Timestamp is too far from the time it was received");
        }
        return switch (type) {
            case "SubscriptionConfirmation" ->
                subscribe(envelope.path("SubscribeURL").asText(""));
            case "Notification" ->
                SesEvents.read(
                        envelope.path("MessageId").asText(),
                        envelope.path("Message").asText(),
                        published);
            default -> new WebhookOutcome.Events(List.of()); // UnsubscribeConfirmation: nothing to do
        };
    }

    /** Why the message's signature does not verify, or empty when it does. */
    private Optional<String> verify(JsonNode envelope, String type) {
        List<String> fields = switch (type) {
            case "Notification" -> NOTIFICATION_FIELDS;
            case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION_FIELDS;
            default -> null;
        };
        if (fields == null) {
            return Optional.of("Type is not an SNS message type");
        }
        String algorithm = switch (envelope.path("SignatureVersion").asText("")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.of("SignatureVersion must be 1 or 2");
        }
        Optional<URI> certificateUrl = uri(envelope.path("SigningCertURL").asText(""));
        if (certificateUrl.isEmpty() || !certificates.isSnsUrl(certificateUrl.get())) {
            return Optional.of("SigningCertURL is not an Amazon SNS URL");
        }
        Optional<X509Certificate> certificate = certificates.certificate(certificateUrl.get());
        if (certificate.isEmpty()) {
            return Optional.of("the signing certificate could not be fetched or is not trusted");
        }
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(certificate.get().getPublicKey());
            signature.update(stringToSign(envelope, fields).getBytes(StandardCharsets.UTF_8));
            // RSA verification is not a byte comparison of secrets: no timing leak to guard against
            return signature.verify(Base64.getDecoder()
                            .decode(envelope.path("Signature").asText("")))
                    ? Optional.empty()
                    : Optional.of("Signature does not match");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("Signature does not match");
        }
    }

    /** Each present field as {@code name\nvalue\n}, in the documented order; absent ones (Subject) left out. */
    static String stringToSign(JsonNode envelope, List<String> fields) {
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            JsonNode value = envelope.get(field);
            if (value != null && !value.isNull()) {
                text.append(field).append('\n').append(value.asText()).append('\n');
            }
        }
        return text.toString();
    }

    private WebhookOutcome subscribe(String subscribeUrl) {
        Optional<URI> url = uri(subscribeUrl);
        if (url.isEmpty() || !certificates.isSnsUrl(url.get())) {
            return new WebhookOutcome.Malformed("SubscribeURL is not an Amazon SNS URL");
        }
        return new WebhookOutcome.Subscribe(url.get());
    }

    private static Optional<URI> uri(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}

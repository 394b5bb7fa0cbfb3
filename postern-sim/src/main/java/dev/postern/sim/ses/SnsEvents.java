package dev.postern.sim.ses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.sim.events.EventKind;
import dev.postern.sim.events.Hmac;
import dev.postern.sim.events.OutgoingEvent;
import dev.postern.sim.events.SignedRequest;
import dev.postern.sim.events.WebhookFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * SES event publishing through an Amazon SNS HTTP subscription: each event is an SNS {@code
 * Notification} whose {@code Message} is the SES event JSON ({@code eventType} {@code Delivery},
 * {@code Bounce} with {@code bounceType} {@code Permanent}/{@code Transient}, {@code Complaint};
 * {@code mail.messageId} the id the send answered; {@code mail.tags} the message's tags). Every
 * message is signed as SNS signs with {@code SignatureVersion} 2: SHA256withRSA over the documented
 * string to sign (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html),
 * by a key whose self-signed certificate the simulator serves at the {@code SigningCertURL}.
 *
 * <p>Setting the target first sends a {@code SubscriptionConfirmation}; as with SNS, no
 * notification is sent until its {@code SubscribeURL} (on the simulator) has been visited. SES's
 * mailbox simulator works: {@code success@}, {@code bounce@}, {@code ooto@}, {@code complaint@}
 * and {@code suppressionlist@simulator.amazonses.com}, each also with a {@code +label}.
 */
final class SnsEvents implements WebhookFormat {
    static final String CERT_PATH = "/_sns/SimpleNotificationService-postern-sim.pem";
    static final String CONFIRM_PATH = "/_sns/confirm";
    static final String UNSUBSCRIBE_PATH = "/_sns/unsubscribe";
    static final String ACCOUNT = "123456789012";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:" + ACCOUNT + ":postern-sim-ses-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<URI> baseUrl;
    private final KeyPair keys = rsa();
    private final KeyPair unknown = rsa();
    private final X509Certificate certificate;
    private volatile String token = "";
    private volatile boolean confirmed;

    SnsEvents(Supplier<URI> baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        Instant now = clock.instant();
        this.certificate = SelfSignedCertificate.create(
                keys, "sns.us-east-1.amazonaws.com", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    @Override
    public SignedRequest request(OutgoingEvent event, boolean forged) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("TopicArn", TOPIC_ARN);
        message.put("Message", SesEventJson.of(event).toString());
        message.put("Timestamp", SnsSignature.timestamp(event.at()));
        message.put(
                "UnsubscribeURL", baseUrl.get() + UNSUBSCRIBE_PATH + "?SubscriptionArn=" + encode(subscriptionArn()));
        return signed(event.kind().scriptName(), message, forged);
    }

    @Override
    public List<SignedRequest> subscribe(URI target) {
        token = Hmac.randomHex(64);
        confirmed = false;
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "SubscriptionConfirmation");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("Token", token);
        message.put("TopicArn", TOPIC_ARN);
        message.put(
                "Message",
                "You have chosen to subscribe to the topic " + TOPIC_ARN
                        + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        message.put(
                "SubscribeURL",
                baseUrl.get() + CONFIRM_PATH + "?Action=ConfirmSubscription&TopicArn=" + encode(TOPIC_ARN) + "&Token="
                        + token);
        message.put("Timestamp", SnsSignature.timestamp(Instant.now()));
        return List.of(signed("SubscriptionConfirmation", message, false));
    }

    @Override
    public boolean ready() {
        return confirmed;
    }

    /** Confirms the subscription when {@code offered} is the token last sent; true if so. */
    boolean confirm(String offered) {
        boolean matches = !token.isEmpty()
                && offered != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
        if (matches) {
            confirmed = true;
        }
        return matches;
    }

    boolean confirmed() {
        return confirmed;
    }

    String subscriptionArn() {
        return TOPIC_ARN + ":00000000-0000-4000-8000-000000000001";
    }

    /** The signing certificate as the {@code SigningCertURL} serves it. */
    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the simulator's own certificate cannot be encoded", e);
        }
    }

    @Override
    public Map<String, String> keys() {
        return Map.of(
                "signing_cert_url",
                baseUrl.get() + CERT_PATH,
                "topic_arn",
                TOPIC_ARN,
                "subscription",
                confirmed ? "confirmed" : token.isEmpty() ? "none" : "pending");
    }

    @Override
    public Optional<EventKind> magicAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.endsWith("@simulator.amazonses.com")) {
            return Optional.empty();
        }
        return switch (lower.substring(0, lower.indexOf('@')).replaceAll("\\+.*$", "")) {
            case "success", "ooto" -> Optional.of(EventKind.DELIVERED);
            case "bounce", "suppressionlist" -> Optional.of(EventKind.BOUNCE);
            case "complaint" -> Optional.of(EventKind.COMPLAINT);
            default -> Optional.empty();
        };
    }

    private SignedRequest signed(String what, Map<String, String> message, boolean forged) {
        message.put("SignatureVersion", "2");
        message.put("Signature", SnsSignature.sign(forged ? unknown : keys, message));
        message.put("SigningCertURL", baseUrl.get() + CERT_PATH);
        ObjectNode body = JSON.valueToTree(message);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        headers.put("x-amz-sns-message-type", message.get("Type"));
        headers.put("x-amz-sns-message-id", message.get("MessageId"));
        headers.put("x-amz-sns-topic-arn", TOPIC_ARN);
        if (message.get("Type").equals("Notification")) {
            headers.put("x-amz-sns-subscription-arn", subscriptionArn());
        }
        return new SignedRequest(what, headers, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}

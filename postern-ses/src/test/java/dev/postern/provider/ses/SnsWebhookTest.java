package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.transport.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnsWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";
    private static final Instant PUBLISHED = Instant.parse("2017-08-05T00:41:03.000Z");
    private static TestSnsSigner signer;

    @BeforeAll
    static void makeKeys() {
        signer = TestSnsSigner.create();
    }

    private static EventWebhook webhook(SnsCertificates certificates) {
        SesConfig config = SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", new Secret("wJalrXUtnFEMI/K7MDENG"))
                .withWebhookTopicArn(TOPIC);
        return SesProviders.ses(config, certificates).eventWebhook().orElseThrow();
    }

    private static EventWebhook webhook() {
        return webhook(signer.certificates());
    }

    /** SNS's documented notification envelope around {@code message}. */
    private static ObjectNode notification(String message) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .put("TopicArn", TOPIC)
                .put("Message", message)
                .put("Timestamp", PUBLISHED.toString());
        envelope.put(
                "UnsubscribeURL",
                "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":c9135db0");
        return envelope;
    }

    private static WebhookRequest request(byte[] body, String type, Instant at) {
        return new WebhookRequest(Map.of("x-amz-sns-message-type", type), body, at);
    }

    private static WebhookOutcome receive(ObjectNode envelope, String version) {
        return webhook()
                .receive(request(
                        signer.sign(envelope, version), envelope.path("Type").asText(), PUBLISHED.plusSeconds(2)));
    }

    @Test
    void noWebhookWithoutATopic() {
        assertThat(SesProviders.ses(SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", new Secret("x")))
                        .eventWebhook())
                .isEmpty();
    }

    @Test
    void documentedBounceSignedWithVersion1BecomesAHardBounceWithPosternsId() {
        WebhookOutcome outcome = receive(notification(SesExamples.BOUNCE), "1");

        assertThat(outcome).isInstanceOf(WebhookOutcome.Events.class);
        DeliveryEvent event = ((WebhookOutcome.Events) outcome).events().get(0);
        assertThat(event.eventId()).isEqualTo("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324:recipient@example.com");
        assertThat(event.type()).isEqualTo(DeliveryEventType.BOUNCED);
        assertThat(event.bounce()).contains(BounceKind.HARD);
        assertThat(event.recipient()).isEqualTo("recipient@example.com");
        assertThat(event.providerMessageId()).contains("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
        assertThat(event.posternId()).contains("01JPOSTERN");
        assertThat(event.detail()).isEqualTo("smtp; 550 5.1.1 user unknown");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2017-08-05T00:41:02.669Z"));
    }

    @Test
    void version2SignaturesVerifyToo() {
        assertThat(receive(notification(SesExamples.DELIVERY), "2")).isInstanceOf(WebhookOutcome.Events.class);
    }

    @Test
    void aTamperedMessageIsUnauthorized() {
        ObjectNode envelope = notification(SesExamples.BOUNCE);
        byte[] signed = signer.sign(envelope, "2");
        String tampered =
                new String(signed, StandardCharsets.UTF_8).replace("recipient@example.com", "victim@example.com");

        WebhookOutcome outcome =
                webhook().receive(request(tampered.getBytes(StandardCharsets.UTF_8), "Notification", PUBLISHED));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void anotherTopicIsUnauthorizedEvenWhenSignedBySns() {
        ObjectNode envelope =
                notification(SesExamples.BOUNCE).put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:other");

        assertThat(receive(envelope, "2")).isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void aCertificateUrlOutsideSnsIsUnauthorizedWithoutBeingFetched() {
        byte[] body = signer.sign(notification(SesExamples.BOUNCE), "2");
        String elsewhere = new String(body, StandardCharsets.UTF_8)
                .replace(
                        "sns.eu-west-1.amazonaws.com/SimpleNotificationService",
                        "attacker.example/SimpleNotificationService");
        SnsCertificates refusing = new SnsCertificates() {
            @Override
            public boolean isSnsUrl(URI url) {
                return signer.certificates().isSnsUrl(url);
            }

            @Override
            public java.util.Optional<java.security.cert.X509Certificate> certificate(URI url) {
                throw new AssertionError("fetched " + url);
            }
        };

        WebhookOutcome outcome = webhook(refusing)
                .receive(request(elsewhere.getBytes(StandardCharsets.UTF_8), "Notification", PUBLISHED));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void aSigningCertificateThatCannotBeFetchedNowIsUnavailableSoThatSnsRetries() {
        SnsCertificates unreachable = new SnsCertificates() {
            @Override
            public boolean isSnsUrl(URI url) {
                return signer.certificates().isSnsUrl(url);
            }

            @Override
            public java.util.Optional<java.security.cert.X509Certificate> certificate(URI url) {
                throw new CertificateUnreachableException(url, "connect timed out");
            }
        };
        ObjectNode envelope = notification(SesExamples.BOUNCE);

        WebhookOutcome outcome = webhook(unreachable)
                .receive(request(signer.sign(envelope, "2"), "Notification", PUBLISHED.plusSeconds(2)));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unavailable.class);
        assertThat(((WebhookOutcome.Unavailable) outcome).reason()).contains("connect timed out");
    }

    @Test
    void aFetchedCertificateThatIsNotTrustedStaysUnauthorized() {
        SnsCertificates untrusted = new SnsCertificates() {
            @Override
            public boolean isSnsUrl(URI url) {
                return signer.certificates().isSnsUrl(url);
            }

            @Override
            public java.util.Optional<java.security.cert.X509Certificate> certificate(URI url) {
                return java.util.Optional.empty();
            }
        };
        ObjectNode envelope = notification(SesExamples.BOUNCE);

        WebhookOutcome outcome = webhook(untrusted)
                .receive(request(signer.sign(envelope, "2"), "Notification", PUBLISHED.plusSeconds(2)));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void aMessageTypeHeaderThatContradictsTheBodyIsUnauthorized() {
        byte[] body = signer.sign(notification(SesExamples.BOUNCE), "2");

        assertThat(webhook().receive(request(body, "SubscriptionConfirmation", PUBLISHED)))
                .isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void aSubscriptionConfirmationAsksToVisitTheSnsUrl() {
        ObjectNode confirmation = JSON.createObjectNode()
                .put("Type", "SubscriptionConfirmation")
                .put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b")
                .put(
                        "Token",
                        "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736")
                .put("TopicArn", TOPIC)
                .put(
                        "Message",
                        "You have chosen to subscribe to the topic " + TOPIC
                                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.")
                .put(
                        "SubscribeURL",
                        "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                                + "&Token=2336412f37")
                .put("Timestamp", PUBLISHED.toString());

        WebhookOutcome outcome = receive(confirmation, "1");

        assertThat(outcome)
                .isEqualTo(new WebhookOutcome.Subscribe(
                        URI.create(confirmation.path("SubscribeURL").asText())));
    }

    @Test
    void aSubscribeUrlOutsideSnsIsNotVisited() {
        ObjectNode confirmation = JSON.createObjectNode()
                .put("Type", "SubscriptionConfirmation")
                .put("MessageId", "165545c9")
                .put("Token", "2336412f37")
                .put("TopicArn", TOPIC)
                .put("Message", "confirm")
                .put("SubscribeURL", "https://attacker.example/?Action=ConfirmSubscription")
                .put("Timestamp", PUBLISHED.toString());

        assertThat(receive(confirmation, "2")).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void aRetryWithinSnssHourOfRetriesIsTakenAndAnOlderOneIsStale() {
        byte[] body = signer.sign(notification(SesExamples.DELIVERY), "2");

        assertThat(webhook().receive(request(body, "Notification", PUBLISHED.plus(Duration.ofMinutes(64)))))
                .isInstanceOf(WebhookOutcome.Events.class);
        assertThat(webhook().receive(request(body, "Notification", PUBLISHED.plus(Duration.ofMinutes(66)))))
                .isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void aVerifiedMessageThatIsNotAnSesEventIsMalformed() {
        assertThat(receive(notification("Hello world!"), "2")).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void sendAndRejectAreSkipped() {
        assertThat(receive(
                        notification("{\"eventType\": \"Send\", \"mail\": {\"messageId\": \"m\"}, \"send\": {}}"), "2"))
                .isEqualTo(new WebhookOutcome.Events(List.of()));
        assertThat(receive(notification("{\"eventType\": \"Reject\", \"mail\": {\"messageId\": \"m\"}}"), "2"))
                .isEqualTo(new WebhookOutcome.Events(List.of()));
    }

    @Test
    void aBodyOverOneMebibyteIsRefused() {
        byte[] body = ("{\"Message\": \"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(webhook().receive(request(body, "Notification", PUBLISHED)))
                .isInstanceOf(WebhookOutcome.Malformed.class);
    }
}

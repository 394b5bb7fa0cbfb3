package dev.postern.provider.postmark;

import static dev.postern.provider.webhook.SignedRequests.events;
import static dev.postern.provider.webhook.SignedRequests.headers;
import static dev.postern.provider.webhook.SignedRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostmarkEventWebhookTest {
    private static final String USER = "postmark";
    private static final String PASSWORD = "9f2c-long-random-password";
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    /** Postmark's documented Delivery webhook (https://postmarkapp.com/developer/webhooks/delivery-webhook). */
    private static final String DELIVERY = """
            {"MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Recipient": "john@example.com",
             "DeliveredAt": "2019-11-05T16:33:54.9070259Z", "Details": "Test delivery webhook details",
             "Tag": "welcome-email", "ServerID": 23,
             "Metadata": {"a_key": "a_value", "b_key": "b_value", "postern_id": "msg_01HQ"},
             "RecordType": "Delivery", "MessageStream": "outbound"}
            """;

    /** Postmark's documented Bounce webhook (https://postmarkapp.com/developer/webhooks/bounce-webhook). */
    private static final String BOUNCE = """
            {"RecordType": "Bounce", "MessageStream": "outbound", "ID": 4323372036854775807,
             "Type": "HardBounce", "TypeCode": 1, "Name": "Hard bounce", "Tag": "Test",
             "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
             "Metadata": {"a_key": "a_value", "b_key": "b_value"}, "ServerID": 23,
             "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
             "Details": "Test bounce details", "Email": "john@example.com", "From": "sender@example.com",
             "BouncedAt": "2019-11-05T16:33:54.9070259Z", "DumpAvailable": true, "Inactive": true,
             "CanActivate": true, "Subject": "Test subject", "Content": "<Full dump of bounce>"}
            """;

    /** Postmark's documented Spam complaint webhook. */
    private static final String SPAM = """
            {"RecordType": "SpamComplaint", "MessageStream": "outbound", "ID": 42, "Type": "SpamComplaint",
             "TypeCode": 512, "Name": "Spam complaint", "Tag": "Test",
             "MessageID": "00000000-0000-0000-0000-000000000000", "Metadata": {"a_key": "a_value"},
             "ServerID": 1234, "Description": "", "Details": "Test spam complaint details",
             "Email": "john@example.com", "From": "sender@example.com",
             "BouncedAt": "2019-11-05T16:33:54.9070259Z", "DumpAvailable": true, "Inactive": true,
             "CanActivate": false, "Subject": "Test subject", "Content": "<Abuse report dump>"}
            """;

    /** Postmark's documented Open and Click webhooks, trimmed of client and geo details. */
    private static final String OPEN = """
            {"RecordType": "Open", "MessageStream": "outbound", "FirstOpen": true, "Platform": "WebMail",
             "ReadSeconds": 5, "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
             "Metadata": {"a_key": "a_value"}, "ReceivedAt": "2019-11-05T16:33:54.9070259Z",
             "Tag": "welcome-email", "Recipient": "john@example.com"}
            """;

    private static final String CLICK = """
            {"RecordType": "Click", "MessageStream": "outbound", "ClickLocation": "HTML", "Platform": "Desktop",
             "OriginalLink": "https://example.com", "MessageID": "00000000-0000-0000-0000-000000000000",
             "Metadata": {"a_key": "a_value"}, "ReceivedAt": "2017-10-25T15:21:11.0000000Z",
             "Tag": "welcome-email", "Recipient": "john@example.com"}
            """;

    /** Postmark's documented Subscription change webhook: the recipient unsubscribed. */
    private static final String UNSUBSCRIBE = """
            {"RecordType": "SubscriptionChange", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
             "ServerID": 123456, "MessageStream": "outbound", "ChangedAt": "2020-02-01T10:53:34.416071Z",
             "Recipient": "bounced-address@wildbit.com", "Origin": "Recipient", "SuppressSending": true,
             "SuppressionReason": "ManualSuppression", "Tag": "my-tag",
             "Metadata": {"example": "value", "example_2": "value"}}
            """;

    private final EventWebhook webhook = Postmark.provider(
                    PostmarkConfig.of("server-token").withWebhookCredentials(USER, PASSWORD), Clock.systemUTC())
            .eventWebhook()
            .orElseThrow();

    @Test
    void aDocumentedDeliveryWithTheConfiguredCredentialsIsADeliveredEvent() {
        DeliveryEvent event =
                events(webhook.receive(authorized(DELIVERY, USER, PASSWORD))).getFirst();

        assertThat(event.type()).isEqualTo(DeliveryEventType.DELIVERED);
        assertThat(event.recipient()).isEqualTo("john@example.com");
        assertThat(event.posternId()).contains("msg_01HQ");
        assertThat(event.providerMessageId()).contains("883953f4-6105-42a2-a16a-77a8eac79483");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2019-11-05T16:33:54.9070259Z"));
        assertThat(event.detail()).isEqualTo("Test delivery webhook details");
        assertThat(event.eventId())
                .as("a record without an id gets a digest, the same for the same record")
                .hasSize(64)
                .isEqualTo(events(webhook.receive(authorized(DELIVERY, USER, PASSWORD)))
                        .getFirst()
                        .eventId());
    }

    @Test
    void aHardBounceUsesPostmarksIdAndSuppressesTheAddress() {
        DeliveryEvent event =
                events(webhook.receive(authorized(BOUNCE, USER, PASSWORD))).getFirst();

        assertThat(event)
                .isEqualTo(new DeliveryEvent(
                        "4323372036854775807",
                        DeliveryEventType.BOUNCED,
                        "john@example.com",
                        Optional.empty(),
                        Optional.of("883953f4-6105-42a2-a16a-77a8eac79483"),
                        Instant.parse("2019-11-05T16:33:54.9070259Z"),
                        Optional.of(BounceKind.HARD),
                        "The server was unable to deliver your message (ex: unknown user, mailbox not found).: "
                                + "Test bounce details"));
        assertThat(event.suppresses()).isTrue();
    }

    @Test
    void bounceTypesMapToHardSoftOrNothing() {
        assertThat(bounceOf("SoftBounce", 4096)).contains("bounced soft");
        assertThat(bounceOf("Transient", 2)).contains("bounced soft");
        assertThat(bounceOf("BadEmailAddress", 100000)).contains("bounced hard");
        assertThat(bounceOf("SpamComplaint", 100001)).contains("complained");
        assertThat(bounceOf("Unsubscribe", 16)).contains("unsubscribed");
        assertThat(bounceOf("AutoResponder", 64)).isEmpty();
        assertThat(bounceOf("SomeTypeFromTheFuture", 999999)).contains("bounced soft");
    }

    @Test
    void complaintsOpensClicksAndUnsubscribesMap() {
        assertThat(typeOf(SPAM)).contains("complained");
        assertThat(typeOf(OPEN)).contains("opened");
        assertThat(typeOf(CLICK)).contains("clicked");
        assertThat(typeOf(UNSUBSCRIBE)).contains("unsubscribed");
        assertThat(typeOf(UNSUBSCRIBE.replace("\"SuppressSending\": true", "\"SuppressSending\": false")))
                .as("a reactivation")
                .isEmpty();
        assertThat(typeOf("{\"RecordType\": \"Inbound\", \"MessageID\": \"x\"}"))
                .isEmpty();
    }

    @Test
    void wrongMissingOrMalformedCredentialsAreUnauthorized() {
        WebhookRequest[] refused = {
            authorized(DELIVERY, USER, "guess"),
            authorized(DELIVERY, "someone", PASSWORD),
            new WebhookRequest(headers(), utf8(DELIVERY), NOW),
            new WebhookRequest(headers("Authorization", "Basic %%%"), utf8(DELIVERY), NOW),
            new WebhookRequest(headers("Authorization", "Bearer " + PASSWORD), utf8(DELIVERY), NOW)
        };
        for (WebhookRequest request : refused) {
            WebhookOutcome outcome = webhook.receive(request);
            assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
            assertThat(((WebhookOutcome.Unauthorized) outcome).reason()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void anAuthorizedBodyThatIsNotARecordIsMalformed() {
        assertThat(webhook.receive(authorized("[1, 2]", USER, PASSWORD))).isInstanceOf(WebhookOutcome.Malformed.class);
        assertThat(webhook.receive(authorized("{\"RecordType\": ", USER, PASSWORD)))
                .isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void theAdapterOffersItsWebhookOnlyWhenCredentialsAreConfigured() {
        assertThat(Postmark.provider(PostmarkConfig.of("t"), Clock.systemUTC()).eventWebhook())
                .isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PostmarkConfig.of("t").withWebhookCredentials("user:name", PASSWORD))
                .hasMessageStartingWith("webhook.user must");
    }

    private Optional<String> bounceOf(String type, int code) {
        return typeOf(BOUNCE.replace("\"HardBounce\"", "\"" + type + "\"")
                .replace("\"TypeCode\": 1,", "\"TypeCode\": " + code + ","));
    }

    private Optional<String> typeOf(String body) {
        return events(webhook.receive(authorized(body, USER, PASSWORD))).stream()
                .findFirst()
                .map(e -> e.type().wireName()
                        + e.bounce().map(b -> " " + b.wireName()).orElse(""));
    }

    private static WebhookRequest authorized(String body, String user, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WebhookRequest(headers("Authorization", "Basic " + credentials), utf8(body), NOW);
    }
}

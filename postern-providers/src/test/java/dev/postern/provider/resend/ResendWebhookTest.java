package dev.postern.provider.resend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.transport.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ResendWebhookTest {
    // Svix's documented example ("How to Verify Webhooks with the Svix Libraries").
    private static final String SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SVIX_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SVIX_TIMESTAMP = "1614265330";
    private static final String SVIX_PAYLOAD = "{\"test\": 2432232314}";
    private static final String SVIX_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant NOW = Instant.parse("2026-11-22T23:41:13Z");

    // Resend's documented email.bounced example (resend.com/docs/webhooks/emails/bounced), with a
    // postern_id tag added as Postern sends it.
    private static final String BOUNCED = """
            {"type": "email.bounced", "created_at": "2026-11-22T23:41:12.126Z",
             "data": {"broadcast_id": "8b146471-e88e-4322-86af-016cd36fd216",
              "created_at": "2026-11-22T23:41:11.894719+00:00",
              "email_id": "56761188-7520-42d8-8898-ff6fc54ce618",
              "from": "Acme <onboarding@resend.dev>", "to": ["delivered@resend.dev"],
              "subject": "Sending this example",
              "template_id": "43f68331-0622-4e15-8202-246a0388854b",
              "bounce": {"message": "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
                         "subType": "Suppressed", "type": "Permanent"},
              "tags": {"category": "confirm_email", "postern_id": "01JPOSTERN"}}}""";

    private static EventWebhook webhook() {
        return Resend.provider(ResendConfig.of("re_test").withWebhookSecret(new Secret(SVIX_SECRET)), Clock.systemUTC())
                .eventWebhook()
                .orElseThrow();
    }

    private static WebhookRequest signed(String id, Instant at, String body) {
        String timestamp = Long.toString(at.getEpochSecond());
        return new WebhookRequest(
                Map.of("Svix-Id", id, "Svix-Timestamp", timestamp, "Svix-Signature", "v1," + sign(id, timestamp, body)),
                body.getBytes(StandardCharsets.UTF_8),
                at.plusSeconds(1));
    }

    private static String sign(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SVIX_SECRET.substring(6)), "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noWebhookWithoutASigningSecret() {
        assertThat(Resend.provider(ResendConfig.of("re_test"), Clock.systemUTC())
                        .eventWebhook())
                .isEmpty();
    }

    @Test
    void svixDocumentedExampleVerifies() {
        WebhookRequest request = new WebhookRequest(
                Map.of("svix-id", SVIX_ID, "svix-timestamp", SVIX_TIMESTAMP, "svix-signature", SVIX_SIGNATURE),
                SVIX_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1614265330L + 10));

        // verified: it got as far as reading the body, which is Svix's test payload, not a Resend event
        assertThat(webhook().receive(request)).isEqualTo(new WebhookOutcome.Malformed("body has no \"type\""));
    }

    @Test
    void anyOneOfSeveralSignaturesVerifies() {
        WebhookRequest request = new WebhookRequest(
                Map.of(
                        "svix-id", SVIX_ID,
                        "svix-timestamp", SVIX_TIMESTAMP,
                        "svix-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v2,x " + SVIX_SIGNATURE),
                SVIX_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1614265330L));

        assertThat(webhook().receive(request)).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void aChangedBodyIsUnauthorizedAndTheReasonNeverShowsTheSecret() {
        WebhookRequest request = new WebhookRequest(
                Map.of("svix-id", SVIX_ID, "svix-timestamp", SVIX_TIMESTAMP, "svix-signature", SVIX_SIGNATURE),
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1614265330L));

        WebhookOutcome outcome = webhook().receive(request);

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
        assertThat(((WebhookOutcome.Unauthorized) outcome).reason()).doesNotContain("MfKQ9r8G");
    }

    @Test
    void missingHeadersAreUnauthorized() {
        WebhookRequest request =
                new WebhookRequest(Map.of("svix-id", SVIX_ID), SVIX_PAYLOAD.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(webhook().receive(request)).isInstanceOf(WebhookOutcome.Unauthorized.class);
    }

    @Test
    void aSignatureOlderThanFiveMinutesIsStale() {
        WebhookRequest request = new WebhookRequest(
                Map.of("svix-id", SVIX_ID, "svix-timestamp", SVIX_TIMESTAMP, "svix-signature", SVIX_SIGNATURE),
                SVIX_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1614265330L).plus(EventWebhook.MAX_AGE).plusSeconds(1));

        assertThat(webhook().receive(request)).isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void aSignatureFromTheFarFutureIsStale() {
        WebhookRequest request = new WebhookRequest(
                Map.of("svix-id", SVIX_ID, "svix-timestamp", SVIX_TIMESTAMP, "svix-signature", SVIX_SIGNATURE),
                SVIX_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1614265330L).minus(EventWebhook.MAX_AGE).minusSeconds(1));

        assertThat(webhook().receive(request)).isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void documentedBounceBecomesAHardBounceWithPosternsIdAndResendsEmailId() {
        WebhookOutcome outcome = webhook().receive(signed("msg_bounce1", NOW, BOUNCED));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Events.class);
        DeliveryEvent event = ((WebhookOutcome.Events) outcome).events().get(0);
        assertThat(event.eventId()).isEqualTo("msg_bounce1");
        assertThat(event.type()).isEqualTo(DeliveryEventType.BOUNCED);
        assertThat(event.bounce()).contains(BounceKind.HARD);
        assertThat(event.recipient()).isEqualTo("delivered@resend.dev");
        assertThat(event.posternId()).contains("01JPOSTERN");
        assertThat(event.providerMessageId()).contains("56761188-7520-42d8-8898-ff6fc54ce618");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T23:41:12.126Z"));
        assertThat(event.detail()).contains("suppression list");
        assertThat(event.suppresses()).isTrue();
    }

    @Test
    void aTransientBounceIsSoft() {
        String body = BOUNCED.replace("\"Permanent\"", "\"Transient\"");

        DeliveryEvent event = ((WebhookOutcome.Events) webhook().receive(signed("msg_b2", NOW, body)))
                .events()
                .get(0);

        assertThat(event.bounce()).contains(BounceKind.SOFT);
    }

    @Test
    void tagsAsAListOfNameValuePairsAreReadToo() {
        String body = BOUNCED.replace(
                "{\"category\": \"confirm_email\", \"postern_id\": \"01JPOSTERN\"}",
                "[{\"name\": \"postern_id\", \"value\": \"01JLIST\"}]");

        DeliveryEvent event = ((WebhookOutcome.Events) webhook().receive(signed("msg_b3", NOW, body)))
                .events()
                .get(0);

        assertThat(event.posternId()).contains("01JLIST");
    }

    @Test
    void eachEmailTypeMapsToOneVocabularyAndSentIsSkipped() {
        Map<String, Optional<DeliveryEventType>> expected = Map.of(
                "email.delivered", Optional.of(DeliveryEventType.DELIVERED),
                "email.complained", Optional.of(DeliveryEventType.COMPLAINED),
                "email.delivery_delayed", Optional.of(DeliveryEventType.DEFERRED),
                "email.opened", Optional.of(DeliveryEventType.OPENED),
                "email.clicked", Optional.of(DeliveryEventType.CLICKED),
                "email.sent", Optional.empty(),
                "contact.created", Optional.empty());
        expected.forEach((type, mapped) -> {
            String body = "{\"type\": \"" + type + "\", \"created_at\": \"2026-11-22T23:41:12.126Z\", \"data\":"
                    + " {\"email_id\": \"e1\", \"to\": [\"ada@example.com\"], \"created_at\": \"2026-11-22T23:41:11Z\"}}";
            WebhookOutcome outcome = webhook().receive(signed("msg_" + type, NOW, body));
            assertThat(((WebhookOutcome.Events) outcome)
                            .events().stream().map(DeliveryEvent::type).findFirst())
                    .as(type)
                    .isEqualTo(mapped);
        });
    }

    @Test
    void severalRecipientsGetOneEventEachWithDistinctIds() {
        String body = "{\"type\": \"email.delivered\", \"created_at\": \"2026-11-22T23:41:12.126Z\", \"data\":"
                + " {\"email_id\": \"e1\", \"to\": [\"ada@example.com\", \"bob@example.com\"]}}";

        WebhookOutcome.Events events = (WebhookOutcome.Events) webhook().receive(signed("msg_two", NOW, body));

        assertThat(events.events())
                .extracting(DeliveryEvent::recipient)
                .containsExactly("ada@example.com", "bob@example.com");
        assertThat(events.events()).extracting(DeliveryEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aVerifiedBodyThatIsNotJsonIsMalformed() {
        assertThat(webhook().receive(signed("msg_bad", NOW, "not json"))).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void aVerifiedEmailEventWithoutRecipientsIsMalformed() {
        String body =
                "{\"type\": \"email.delivered\", \"created_at\": \"2026-11-22T23:41:12.126Z\", \"data\": {\"email_id\": \"e1\"}}";

        assertThat(webhook().receive(signed("msg_norcpt", NOW, body))).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedBeforeAnythingElse() {
        String body = "{\"pad\": \"" + "x".repeat(1024 * 1024) + "\"}";

        assertThat(webhook().receive(signed("msg_big", NOW, body))).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void aSecretThatIsNotResendsFormatIsRefusedNamingTheKeyNotTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ResendConfig.of("re_test").withWebhookSecret(new Secret("hunter2-not-base64!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook.key must")
                .hasMessageNotContaining("hunter2");
    }
}

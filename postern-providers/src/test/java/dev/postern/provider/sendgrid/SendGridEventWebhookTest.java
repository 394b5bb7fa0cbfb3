package dev.postern.provider.sendgrid;

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
import dev.postern.provider.webhook.SignedRequests;
import dev.postern.provider.webhook.WebhookJson;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendGridEventWebhookTest {
    /**
     * SendGrid's own test vector for its Signed Event Webhook (the sendgrid-java, -nodejs, -python
     * libraries' EventWebhookTest): a public key, a signature, its timestamp and the exact payload,
     * trailing CRLF included.
     */
    private static final String VECTOR_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1"
                    + "flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    private static final String VECTOR_SIGNATURE =
            "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM" + "+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    private static final String VECTOR_TIMESTAMP = "1600112502";
    private static final String VECTOR_PAYLOAD = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\","
            + "\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\","
            + "\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\","
            + "\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    /**
     * The example of every event type from SendGrid's Event Webhook reference
     * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event), with distinct
     * sg_event_ids, the bounce's {@code type}, and Postern's {@code postern_id} custom argument on one.
     */
    private static final String DOCUMENTED = """
            [
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"processed","category":"cat facts","sg_event_id":"e-processed","sg_message_id":"sg_message_id"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"deferred","ip":"168.1.1.1","category":"cat facts","sg_event_id":"e-deferred",
               "sg_message_id":"sg_message_id","response":"400 try again later","attempt":"5"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"delivered","ip":"168.1.1.1","category":"cat facts","sg_event_id":"e-delivered",
               "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0","response":"250 OK",
               "postern_id":"msg_01HQ"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"open","sg_machine_open":false,"category":"cat facts","sg_event_id":"e-open",
               "sg_message_id":"sg_message_id","useragent":"Mozilla/4.0 (compatible; MSIE 6.1; Windows XP)",
               "ip":"255.255.255.255"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"click","category":"cat facts","sg_event_id":"e-click","sg_message_id":"sg_message_id",
               "useragent":"Mozilla/4.0 (compatible; MSIE 6.1; Windows XP)","ip":"255.255.255.255",
               "url":"http://www.sendgrid.com/"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"bounce","category":"cat facts","sg_event_id":"e-bounce","sg_message_id":"sg_message_id",
               "reason":"500 unknown recipient","status":"5.0.0","type":"bounce"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"bounce","category":"cat facts","sg_event_id":"e-blocked","sg_message_id":"sg_message_id",
               "reason":"550 blocked by content filter","status":"5.7.1","type":"blocked"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"dropped","category":"cat facts","sg_event_id":"e-dropped","sg_message_id":"sg_message_id",
               "reason":"Unsubscribed Address","status":"5.0.0"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"spamreport","category":"cat facts","sg_event_id":"e-spamreport","sg_message_id":"sg_message_id"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"unsubscribe","category":"cat facts","sg_event_id":"e-unsubscribe","sg_message_id":"sg_message_id"},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"group_unsubscribe","category":"cat facts","sg_event_id":"e-group-unsubscribe",
               "sg_message_id":"sg_message_id","useragent":"Mozilla/4.0","ip":"255.255.255.255",
               "url":"http://www.sendgrid.com/","asm_group_id":10},
              {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",
               "event":"group_resubscribe","category":"cat facts","sg_event_id":"e-group-resubscribe",
               "sg_message_id":"sg_message_id","asm_group_id":10}
            ]
            """;

    private static final Instant SENT = Instant.ofEpochSecond(1513299600);

    private final KeyPair keys = SignedRequests.p256();

    SendGridEventWebhookTest() throws Exception {}

    @Test
    void sendGridsOwnTestVectorVerifiesAndItsDropOfABouncedAddressIsAHardBounce() {
        EventWebhook webhook = webhook(VECTOR_KEY);
        WebhookRequest request = new WebhookRequest(
                headers(
                        "X-Twilio-Email-Event-Webhook-Signature", VECTOR_SIGNATURE,
                        "X-Twilio-Email-Event-Webhook-Timestamp", VECTOR_TIMESTAMP),
                utf8(VECTOR_PAYLOAD),
                Instant.ofEpochSecond(1600112502L + 10));

        assertThat(events(webhook.receive(request)))
                .containsExactly(new DeliveryEvent(
                        "ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA",
                        DeliveryEventType.BOUNCED,
                        "hello@world.com",
                        Optional.empty(),
                        Optional.of("LRzXl_NHStOGhQ4kofSm_A"),
                        Instant.ofEpochSecond(1600112492),
                        Optional.of(BounceKind.HARD),
                        "dropped: Bounced Address"));
    }

    @Test
    void everyDocumentedEventTypeMapsToPosternsAndProcessedIsSkipped() throws Exception {
        List<DeliveryEvent> events = events(webhook(SignedRequests.base64(keys)).receive(signed(DOCUMENTED, SENT)));

        assertThat(events)
                .extracting(e -> e.eventId() + " " + e.type().wireName() + " "
                        + e.bounce().map(BounceKind::wireName).orElse("-"))
                .containsExactly(
                        "e-deferred deferred -",
                        "e-delivered delivered -",
                        "e-open opened -",
                        "e-click clicked -",
                        "e-bounce bounced hard",
                        "e-blocked bounced soft",
                        "e-dropped bounced soft",
                        "e-spamreport complained -",
                        "e-unsubscribe unsubscribed -",
                        "e-group-unsubscribe unsubscribed -");
        DeliveryEvent delivered = events.get(1);
        assertThat(delivered.posternId()).contains("msg_01HQ");
        assertThat(delivered.providerMessageId()).contains("14c5d75ce93");
        assertThat(delivered.recipient()).isEqualTo("example@test.com");
        assertThat(delivered.occurredAt()).isEqualTo(Instant.ofEpochSecond(1513299569));
        assertThat(delivered.detail()).isEqualTo("250 OK");
        assertThat(events.get(4).detail()).isEqualTo("5.0.0: 500 unknown recipient");
        assertThat(events.get(6).detail()).isEqualTo("dropped: Unsubscribed Address");
    }

    @Test
    void dropsForAnAddressSendGridKnowsToBeBadOrComplainedSuppressAndOthersDoNot() throws Exception {
        String body = """
                [{"email":"a@example.com","timestamp":1513299569,"event":"dropped","sg_event_id":"1","reason":"Invalid"},
                 {"email":"b@example.com","timestamp":1513299569,"event":"dropped","sg_event_id":"2",
                  "reason":"Spam Reporting Address"},
                 {"email":"c@example.com","timestamp":1513299569,"event":"dropped","sg_event_id":"3",
                  "reason":"Spam Content (if spam checker app enabled)"}]
                """;

        List<DeliveryEvent> events = events(webhook(SignedRequests.base64(keys)).receive(signed(body, SENT)));

        assertThat(events).extracting(DeliveryEvent::suppresses).containsExactly(true, true, false);
        assertThat(events.get(1).type()).isEqualTo(DeliveryEventType.COMPLAINED);
    }

    @Test
    void aSignatureByAnotherKeyIsUnauthorizedAndNamesNoKey() throws Exception {
        String shown = SignedRequests.base64(keys);
        WebhookOutcome outcome =
                webhook(SignedRequests.base64(SignedRequests.p256())).receive(signed(DOCUMENTED, SENT));

        assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
        assertThat(((WebhookOutcome.Unauthorized) outcome).reason()).doesNotContain(shown.substring(30, 60));
    }

    @Test
    void aBodyChangedAfterSigningOrAMissingSignatureIsUnauthorized() throws Exception {
        EventWebhook webhook = webhook(SignedRequests.base64(keys));
        WebhookRequest good = signed(DOCUMENTED, SENT);
        WebhookRequest changed = new WebhookRequest(
                good.headers(), utf8(DOCUMENTED.replace("example@test.com", "other@test.com")), SENT);
        WebhookRequest unsigned = new WebhookRequest(headers(), utf8(DOCUMENTED), SENT);
        WebhookRequest garbled = new WebhookRequest(
                headers(
                        "X-Twilio-Email-Event-Webhook-Signature", "not base64 at all!",
                        "X-Twilio-Email-Event-Webhook-Timestamp", "1513299600"),
                utf8(DOCUMENTED),
                SENT);

        assertThat(List.of(webhook.receive(changed), webhook.receive(unsigned), webhook.receive(garbled)))
                .allMatch(o -> o instanceof WebhookOutcome.Unauthorized);
    }

    @Test
    void aCorrectSignatureOlderThanFiveMinutesIsStale() throws Exception {
        WebhookRequest old = signed(DOCUMENTED, SENT);
        WebhookRequest late = new WebhookRequest(
                old.headers(), old.body(), SENT.plus(EventWebhook.MAX_AGE).plusSeconds(1));

        assertThat(webhook(SignedRequests.base64(keys)).receive(late)).isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void aSignedBodyThatIsNotAnArrayOfEventsIsMalformedAndUnknownEventsAreSkipped() throws Exception {
        EventWebhook webhook = webhook(SignedRequests.base64(keys));

        assertThat(webhook.receive(signed("{\"event\":\"delivered\"}", SENT)))
                .isInstanceOf(WebhookOutcome.Malformed.class);
        assertThat(webhook.receive(signed("not json", SENT))).isInstanceOf(WebhookOutcome.Malformed.class);
        assertThat(webhook.receive(signed(" ".repeat(WebhookJson.MAX_BODY_BYTES) + "[]", SENT)))
                .isInstanceOf(WebhookOutcome.Malformed.class);
        assertThat(events(webhook.receive(
                        signed("[{\"event\":\"machine_opened\",\"email\":\"a@b.c\",\"timestamp\":1513299569}]", SENT))))
                .isEmpty();
    }

    @Test
    void theAdapterOffersItsWebhookOnlyWhenAKeyIsConfigured() {
        SendGridConfig plain = SendGridConfig.of("SG.key");

        assertThat(SendGrid.provider(plain, Clock.systemUTC()).eventWebhook()).isEmpty();
        assertThat(SendGrid.provider(plain.withWebhookKey(VECTOR_KEY), Clock.systemUTC())
                        .eventWebhook())
                .isPresent();
    }

    @Test
    void aWebhookKeyThatIsNotAnEcPublicKeyIsRefusedWithoutBeingShown() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SendGridConfig.of("SG.key").withWebhookKey("c2VjcmV0LXZhbHVl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhook.key must be")
                .hasMessageNotContaining("c2VjcmV0LXZhbHVl");
    }

    private static EventWebhook webhook(String key) {
        return SendGrid.provider(SendGridConfig.of("SG.key").withWebhookKey(key), Clock.systemUTC())
                .eventWebhook()
                .orElseThrow();
    }

    private WebhookRequest signed(String body, Instant at) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return new WebhookRequest(
                headers(
                        "X-Twilio-Email-Event-Webhook-Signature",
                        SignedRequests.ecdsa(keys, timestamp, utf8(body)),
                        "X-Twilio-Email-Event-Webhook-Timestamp",
                        timestamp),
                utf8(body),
                at.plusSeconds(3));
    }
}

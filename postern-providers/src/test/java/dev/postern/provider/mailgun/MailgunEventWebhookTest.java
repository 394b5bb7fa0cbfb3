package dev.postern.provider.mailgun;

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
import dev.postern.provider.webhook.Signatures;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailgunEventWebhookTest {
    private static final String SIGNING_KEY = "key-7c9f1b2a0d3e4f5a6b7c8d9e0f1a2b3c";
    private static final String TOKEN = "e0b5477167110d68991efc6b9f89f0a11066af27834600e123";
    private static final Instant SIGNED = Instant.ofEpochSecond(1521472265);

    /**
     * Mailgun's documented "delivered" example (Webhook Payloads,
     * https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads), with
     * Postern's {@code v:postern_id} among the user variables.
     */
    private static final String DELIVERED = """
            {"id": "CPgfbmQMTCKtHW6uIWtuVe", "timestamp": 1521472262.908181, "log-level": "info",
             "event": "delivered",
             "delivery-status": {"tls": true, "mx-host": "smtp-in.example.com", "code": 250, "description": "",
               "session-seconds": 0.4331989288330078, "utf8": true, "attempt-no": 1, "message": "OK",
               "certificate-verified": true},
             "flags": {"is-routed": false, "is-authenticated": true, "is-system-test": false, "is-test-mode": false},
             "envelope": {"transport": "smtp", "sender": "bob@sandbox.mailgun.org", "sending-ip": "209.61.154.250",
               "targets": "alice@example.com"},
             "message": {"headers": {"to": "Alice <alice@example.com>",
                 "message-id": "20130503182626.18666.16540@sandbox.mailgun.org",
                 "from": "Bob <bob@sandbox.mailgun.org>", "subject": "Test delivered webhook"},
               "attachments": [], "size": 111},
             "recipient": "alice@example.com", "recipient-domain": "example.com",
             "campaigns": [], "tags": ["my_tag_1", "my_tag_2"],
             "user-variables": {"my_var_1": "Mailgun Variable #1", "my-var-2": "awesome", "postern_id": "msg_01HQ"}}
            """;

    /** Mailgun's documented permanent failure ("Test permanent_fail webhook"). */
    private static final String PERMANENT = """
            {"id": "G9Bn5sl1TC6nu79C8C0bwg", "timestamp": 1521233195.375624, "log-level": "error",
             "event": "failed", "severity": "permanent", "reason": "suppress-bounce",
             "delivery-status": {"attempt-no": 1, "message": "", "code": 605, "enhanced-code": "",
               "description": "Not delivering to previously bounced address", "session-seconds": 0},
             "envelope": {"sender": "bob@sandbox.mailgun.org", "transport": "smtp", "targets": "alice@example.com"},
             "message": {"headers": {"to": "Alice <alice@example.com>",
                 "message-id": "20130503192659.13651.20287@sandbox.mailgun.org",
                 "from": "Bob <bob@sandbox.mailgun.org>", "subject": "Test permanent_fail webhook"},
               "attachments": [], "size": 111},
             "recipient": "alice@example.com", "recipient-domain": "example.com",
             "tags": ["my_tag_1", "my_tag_2"],
             "user-variables": {"my_var_1": "Mailgun Variable #1", "my-var-2": "awesome"}}
            """;

    /** Mailgun's documented temporary failure (452, mailbox over quota). */
    private static final String TEMPORARY = """
            {"id": "Fs7-5t81S2ispqxqDw2U4Q", "timestamp": 1521472262.908181, "log-level": "warn",
             "event": "failed", "severity": "temporary", "reason": "generic",
             "message": {"headers": {"to": "Alice <alice@example.com>",
                 "message-id": "20130503182626.18666.16540@sandbox.mailgun.org",
                 "from": "Bob <bob@sandbox.mailgun.org>", "subject": "Test delivered webhook"},
               "attachments": [], "size": 111},
             "recipient": "alice@example.com",
             "delivery-status": {"tls": true, "mx-host": "smtp-in.example.com", "attempt-no": 1, "description": "",
               "session-seconds": 0.1281740665435791, "utf8": true, "retry-seconds": 600, "code": 452,
               "message": "4.2.2 The email account that you tried to reach is over quota.",
               "certificate-verified": true}}
            """;

    private final EventWebhook webhook = Mailgun.provider(
                    MailgunConfig.of("key-api", "mg.example.com", MailgunConfig.Region.US)
                            .withWebhookSigningKey(SIGNING_KEY),
                    Clock.systemUTC())
            .eventWebhook()
            .orElseThrow();

    @Test
    void aDocumentedDeliveryVerifiesAndCarriesTheIdsTheAdapterStored() {
        assertThat(events(webhook.receive(signed(DELIVERED, SIGNING_KEY))))
                .containsExactly(new DeliveryEvent(
                        "CPgfbmQMTCKtHW6uIWtuVe",
                        DeliveryEventType.DELIVERED,
                        "alice@example.com",
                        Optional.of("msg_01HQ"),
                        // the send call's id is kept with its angle brackets; the header's comes without
                        Optional.of("<20130503182626.18666.16540@sandbox.mailgun.org>"),
                        Instant.parse("2018-03-19T15:11:02.908181Z"),
                        Optional.empty(),
                        "250: OK"));
    }

    @Test
    void aPermanentFailureIsAHardBounceAndATemporaryOneIsDeferred() {
        DeliveryEvent permanent =
                events(webhook.receive(signed(PERMANENT, SIGNING_KEY))).getFirst();
        DeliveryEvent temporary =
                events(webhook.receive(signed(TEMPORARY, SIGNING_KEY))).getFirst();

        assertThat(permanent.type()).isEqualTo(DeliveryEventType.BOUNCED);
        assertThat(permanent.bounce()).contains(BounceKind.HARD);
        assertThat(permanent.detail()).isEqualTo("605: Not delivering to previously bounced address");
        assertThat(temporary.type()).isEqualTo(DeliveryEventType.DEFERRED);
        assertThat(temporary.detail()).startsWith("452: 4.2.2 The email account");
    }

    @Test
    void engagementAndComplaintEventsMapAndAcceptedIsSkipped() {
        String[][] cases = {
            {"complained", "complained"}, {"opened", "opened"}, {"clicked", "clicked"}, {"unsubscribed", "unsubscribed"}
        };
        for (String[] c : cases) {
            String data = DELIVERED.replace("\"event\": \"delivered\"", "\"event\": \"" + c[0] + "\"");
            assertThat(events(webhook.receive(signed(data, SIGNING_KEY))))
                    .extracting(e -> e.type().wireName())
                    .containsExactly(c[1]);
        }
        String accepted = DELIVERED.replace("\"event\": \"delivered\"", "\"event\": \"accepted\"");
        assertThat(events(webhook.receive(signed(accepted, SIGNING_KEY)))).isEmpty();
    }

    @Test
    void aSignatureWithAnotherKeyOrATokenChangedAfterSigningIsUnauthorized() {
        WebhookRequest other = signed(DELIVERED, "key-someone-else");
        WebhookRequest changed = new WebhookRequest(
                headers(), utf8(new String(signed(DELIVERED, SIGNING_KEY).body()).replace(TOKEN, TOKEN + "x")), SIGNED);
        WebhookRequest unsigned = new WebhookRequest(headers(), utf8("{\"event-data\": " + DELIVERED + "}"), SIGNED);

        for (WebhookRequest request : new WebhookRequest[] {other, changed, unsigned}) {
            WebhookOutcome outcome = webhook.receive(request);
            assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
            assertThat(((WebhookOutcome.Unauthorized) outcome).reason()).doesNotContain(SIGNING_KEY);
        }
    }

    @Test
    void aCorrectSignatureOlderThanFiveMinutesIsStale() {
        WebhookRequest request = signed(DELIVERED, SIGNING_KEY);
        WebhookRequest late = new WebhookRequest(
                request.headers(),
                request.body(),
                SIGNED.plus(EventWebhook.MAX_AGE).plusSeconds(1));

        assertThat(webhook.receive(late)).isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void aBodyWithoutMailgunsSignatureIsUnauthorizedAndASignedOneWithoutEventDataIsMalformed() {
        // the legacy form-encoded webhooks carry no JSON signature to verify
        assertThat(webhook.receive(new WebhookRequest(headers(), utf8("token=abc&signature=def"), SIGNED)))
                .isInstanceOf(WebhookOutcome.Unauthorized.class);
        String signature = "{\"timestamp\": \"" + SIGNED.getEpochSecond() + "\", \"token\": \"" + TOKEN
                + "\", \"signature\": \"" + hex(SIGNING_KEY) + "\"}";
        assertThat(webhook.receive(new WebhookRequest(
                        headers(), utf8("{\"signature\": " + signature + ", \"event-data\": []}"), SIGNED)))
                .isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void theAdapterOffersItsWebhookOnlyWhenASigningKeyIsConfigured() {
        MailgunConfig plain = MailgunConfig.of("key-api", "mg.example.com", MailgunConfig.Region.EU);

        assertThat(Mailgun.provider(plain, Clock.systemUTC()).eventWebhook()).isEmpty();
    }

    private static WebhookRequest signed(String eventData, String key) {
        String body = "{\"signature\": {\"token\": \"" + TOKEN + "\", \"timestamp\": \"" + SIGNED.getEpochSecond()
                + "\", \"signature\": \"" + hex(key) + "\"}, \"event-data\": " + eventData + "}";
        return new WebhookRequest(headers("Content-Type", "application/json"), utf8(body), SIGNED.plusSeconds(2));
    }

    /** What Mailgun signs: hex HMAC-SHA256 of timestamp followed by token, with the signing key. */
    private static String hex(String key) {
        return HexFormat.of().formatHex(Signatures.hmacSha256(utf8(key), utf8(SIGNED.getEpochSecond() + TOKEN)));
    }
}

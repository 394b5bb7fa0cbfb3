package dev.postern.provider.http;

import static dev.postern.provider.webhook.SignedRequests.events;
import static dev.postern.provider.webhook.SignedRequests.headers;
import static dev.postern.provider.webhook.SignedRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.alert.WebhookAlertSink;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpEventWebhookTest {
    private static final String SECRET = "whsec-3b1f0c8e";
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    /** The example in docs/events.md, section "http". */
    private static final String DOCUMENTED = """
            {"events": [
              {"id": "evt_0001", "type": "delivered", "recipient": "ann@example.com", "postern_id": "msg_01HQ",
               "provider_message_id": "svc-42", "at": "2026-12-06T19:59:58Z", "detail": "250 2.0.0 OK"},
              {"id": "evt_0002", "type": "bounced", "recipient": "bob@example.com", "postern_id": "msg_01HQ",
               "provider_message_id": "svc-42", "at": "2026-12-06T19:59:59Z", "bounce": "hard",
               "detail": "550 5.1.1 user unknown"}
            ]}
            """;

    private final EventWebhook webhook = HttpWebhookProviders.create(
                    HttpWebhookConfig.of(URI.create("https://mail.internal.example/send"), null)
                            .withWebhookSecret(SECRET),
                    Clock.systemUTC())
            .eventWebhook()
            .orElseThrow();

    @Test
    void theDocumentedExampleSignedLikeTheAlertWebhookIsRead() {
        assertThat(events(webhook.receive(signed(DOCUMENTED, NOW, SECRET))))
                .containsExactly(
                        new DeliveryEvent(
                                "evt_0001",
                                DeliveryEventType.DELIVERED,
                                "ann@example.com",
                                Optional.of("msg_01HQ"),
                                Optional.of("svc-42"),
                                Instant.parse("2026-12-06T19:59:58Z"),
                                Optional.empty(),
                                "250 2.0.0 OK"),
                        new DeliveryEvent(
                                "evt_0002",
                                DeliveryEventType.BOUNCED,
                                "bob@example.com",
                                Optional.of("msg_01HQ"),
                                Optional.of("svc-42"),
                                Instant.parse("2026-12-06T19:59:59Z"),
                                Optional.of(BounceKind.HARD),
                                "550 5.1.1 user unknown"));
    }

    @Test
    void anotherSecretAChangedBodyOrNoSignatureIsUnauthorized() {
        WebhookRequest good = signed(DOCUMENTED, NOW, SECRET);
        WebhookRequest[] refused = {
            signed(DOCUMENTED, NOW, "another-secret"),
            new WebhookRequest(good.headers(), utf8(DOCUMENTED.replace("hard", "soft")), NOW),
            new WebhookRequest(headers("X-Postern-Timestamp", "1796587200"), utf8(DOCUMENTED), NOW),
            // the alert webhook's signature, over the body alone, does not verify: the timestamp is signed too
            new WebhookRequest(
                    headers(
                            "X-Postern-Timestamp", Long.toString(NOW.getEpochSecond()),
                            "X-Postern-Signature", WebhookAlertSink.signature(utf8(SECRET), utf8(DOCUMENTED))),
                    utf8(DOCUMENTED),
                    NOW)
        };
        for (WebhookRequest request : refused) {
            WebhookOutcome outcome = webhook.receive(request);
            assertThat(outcome).isInstanceOf(WebhookOutcome.Unauthorized.class);
            assertThat(((WebhookOutcome.Unauthorized) outcome).reason()).doesNotContain(SECRET);
        }
    }

    @Test
    void aCorrectSignatureOlderThanFiveMinutesIsStale() {
        assertThat(webhook.receive(
                        signed(DOCUMENTED, NOW.minus(EventWebhook.MAX_AGE).minusSeconds(1), SECRET)))
                .isInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void unknownTypesAreSkippedAndAnEventBreakingTheFormatIsMalformedNamingIt() {
        String unknown = "{\"events\": [{\"id\": \"e\", \"type\": \"teleported\", \"recipient\": \"a@b.c\"}]}";
        String noBounce = "{\"events\": [{\"id\": \"e\", \"type\": \"bounced\", \"recipient\": \"a@b.c\"}]}";
        String noList = "{\"event\": {}}";

        assertThat(events(webhook.receive(signed(unknown, NOW, SECRET)))).isEmpty();
        assertThat(webhook.receive(signed(noBounce, NOW, SECRET)))
                .isEqualTo(new WebhookOutcome.Malformed("events[0].bounce must be hard or soft for a bounced event"));
        assertThat(webhook.receive(signed(noList, NOW, SECRET))).isInstanceOf(WebhookOutcome.Malformed.class);
    }

    @Test
    void theAdapterOffersItsWebhookOnlyWhenASecretIsConfigured() {
        HttpWebhookConfig plain = HttpWebhookConfig.of(URI.create("https://mail.internal.example/send"), null);

        assertThat(HttpWebhookProviders.create(plain, Clock.systemUTC()).eventWebhook())
                .isEmpty();
    }

    private static WebhookRequest signed(String body, Instant at, String secret) {
        String timestamp = Long.toString(at.getEpochSecond());
        return new WebhookRequest(
                headers(
                        "X-Postern-Timestamp",
                        timestamp,
                        "X-Postern-Signature",
                        WebhookAlertSink.signature(utf8(secret), utf8(timestamp + "." + body))),
                utf8(body),
                NOW);
    }
}

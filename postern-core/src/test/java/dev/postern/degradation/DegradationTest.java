package dev.postern.degradation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.Attempt;
import dev.postern.Postern;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.email.Email;
import dev.postern.email.Tracking;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.Feature;
import dev.postern.routing.RoutingConfig;
import dev.postern.testing.FakeTime;
import dev.postern.testing.Mail;
import dev.postern.testing.ScriptedProvider;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A message goes through a provider that lacks a feature without that feature, and says so. */
class DegradationTest {
    private static final String TRACKER = "https://click.tracker.example/";
    private static final String HTML = "<p>Your order <a href=\"" + TRACKER
            + "c?u=abc&url=https%3A%2F%2Fshop.example%2Forders%2F42\">#42</a> ships today.</p>"
            + "<p><a href=\"https://shop.example/help\">Help</a> <img src=\"https://shop.example/logo.png\" width=\"120\" height=\"40\"></p>"
            + "<img src=\"https://open.tracker.example/o.gif?id=7\" width=\"1\" height=\"1\" alt=\"\">";

    private final FakeTime time = new FakeTime();
    private final RoutingConfig degradeTracking = RoutingConfig.DEFAULTS
            .withDegradeOnFailover(Set.of(Feature.TRACKING))
            .withTrackingUrlPrefixes(List.of(TRACKER));

    private Postern postern(RoutingConfig routing, ScriptedProvider first, ScriptedProvider second) {
        return Postern.builder()
                .provider("first", first)
                .provider("second", second)
                .routing(routing)
                .clock(time)
                .scheduler(time)
                .build();
    }

    private static Email tracked() {
        return Mail.receipt().toBuilder().html(HTML).tracking(Tracking.ALL).build();
    }

    @Test
    void trackingPixelAndWrappedLinksAreRemovedOnlyOnAFailoverRouteAndTheAttemptListsTracking() {
        var first = ScriptedProvider.accepting("first").then(new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second");
        try (Postern postern = postern(degradeTracking, first, second)) {
            Email email = tracked();
            SendResult result = postern.send(email);

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::degraded).containsExactly(List.of(), List.of("tracking"));
            assertThat(first.emails().getFirst()).isEqualTo(email);
            Email failedOver = second.emails().getFirst();
            assertThat(failedOver.tracking()).isEqualTo(Tracking.OFF);
            assertThat(failedOver.html())
                    .doesNotContain("tracker.example")
                    .contains("<a href=\"https://shop.example/orders/42\">#42</a>")
                    .contains("<a href=\"https://shop.example/help\">Help</a>")
                    .contains("logo.png");
            assertThat(email.html()).isEqualTo(HTML);
        }
    }

    @Test
    void anImageSizedBeyondAnyIntFailsOverLikeAnyMessageAndKeepsEveryAttempt() {
        var first = ScriptedProvider.accepting("first").then(new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second");
        String html = "<p>Hi</p><img src=\"https://shop.example/banner.png\" style=\"width:99999999999px\">";
        try (Postern postern = postern(degradeTracking, first, second)) {
            SendResult result =
                    postern.send(Mail.receipt().toBuilder().html(html).build());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("first", "second");
            assertThat(second.emails().getFirst().html()).contains("banner.png");
        }
    }

    @Test
    void onItsPlannedRouteTheMessageKeepsItsTracking() {
        var first = ScriptedProvider.accepting("first");
        try (Postern postern = postern(degradeTracking, first, ScriptedProvider.accepting("second"))) {
            SendResult result = postern.send(tracked());

            assertThat(result.attempts())
                    .singleElement()
                    .satisfies(a -> assertThat(a.degraded()).isEmpty());
            assertThat(first.emails().getFirst()).isEqualTo(tracked());
        }
    }

    @Test
    void byDefaultAFailoverRouteTurnsTrackingOffAndRemovesThePixel() {
        var first = ScriptedProvider.accepting("first").then(new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second");
        try (Postern postern = postern(RoutingConfig.DEFAULTS, first, second)) {
            SendResult result = postern.send(tracked());

            assertThat(result.attempts().getLast().degraded()).containsExactly("tracking");
            assertThat(second.emails().getFirst().tracking()).isEqualTo(Tracking.OFF);
            assertThat(second.emails().getFirst().html()).doesNotContain("open.tracker.example");
        }
    }

    @Test
    void withAnEmptyDegradeOnFailoverAFailoverKeepsTheTrackingTheProviderSupports() {
        var first = ScriptedProvider.accepting("first").then(new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second");
        try (Postern postern = postern(RoutingConfig.DEFAULTS.withDegradeOnFailover(Set.of()), first, second)) {
            SendResult result = postern.send(tracked());

            assertThat(result.attempts().getLast().degraded()).isEmpty();
            assertThat(second.emails().getFirst().html()).isEqualTo(HTML);
        }
    }

    @Test
    void featuresAProviderLacksAreDroppedFromACopyAndRecordedOnTheAttempt() {
        var bare = ScriptedProvider.accepting("bare")
                .capabilities(Capabilities.builder()
                        .openTracking(false)
                        .tags(false)
                        .metadata(false)
                        .customHeaders(false)
                        .maxMessageBytes(10_000_000L)
                        .maxRecipients(50)
                        .build());
        Email email = tracked().toBuilder()
                .tag("receipt")
                .metadata("order", "42")
                .header("List-Unsubscribe", "<mailto:unsubscribe@shop.example>")
                .build();
        try (Postern postern = postern(RoutingConfig.DEFAULTS, bare, ScriptedProvider.accepting("second"))) {
            SendResult result = postern.send(email);

            assertThat(result.attempts())
                    .singleElement()
                    .satisfies(a ->
                            assertThat(a.degraded()).containsExactly("tracking", "tags", "metadata", "custom_headers"));
            Email sent = bare.emails().getFirst();
            assertThat(sent.tracking()).isEqualTo(new Tracking(false, true));
            assertThat(sent.tags()).isEmpty();
            assertThat(sent.metadata()).isEmpty();
            assertThat(sent.headers()).isEmpty();
            assertThat(sent.html()).isEqualTo(HTML); // not a failover: the HTML is the sender's
            assertThat(email.tags()).containsExactly("receipt");
        }
    }

    private static Email toSixty() {
        Email.Builder builder = Mail.receipt().toBuilder().bcc("audit@shop.example");
        IntStream.rangeClosed(2, 59).forEach(i -> builder.to("customer" + i + "@example.com"));
        return builder.build();
    }

    @Test
    void aSixtyRecipientMessageIsSplitFor50RecipientProviderAndEveryPartIsTrackedUnderTheOneMessage() {
        var fifty = ScriptedProvider.accepting("fifty").capabilities(Capabilities.FULL.withMaxRecipients(50));
        try (Postern postern = postern(RoutingConfig.DEFAULTS, fifty, ScriptedProvider.accepting("second"))) {
            Email email = toSixty();
            SendResult result = postern.send(email);

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("first", "first");
            assertThat(result.attempts()).extracting(Attempt::recipients).containsExactly(50, 10);
            assertThat(result.attempts())
                    .allSatisfy(a -> assertThat(a.degraded()).containsExactly(Attempt.RECIPIENTS_SPLIT));
            assertThat(fifty.contexts()).extracting(AttemptContext::messageId).containsOnly(result.messageId());
            assertThat(fifty.contexts())
                    .extracting(AttemptContext::idempotencyKey)
                    .containsExactly(result.messageId() + ".p1of2", result.messageId() + ".p2of2");
            assertThat(fifty.emails())
                    .flatExtracting(Email::allRecipients)
                    .containsExactlyElementsOf(email.allRecipients());
            assertThat(fifty.emails().getLast().bcc())
                    .extracting(a -> a.email())
                    .containsExactly("audit@shop.example");
        }
    }

    @Test
    void whenOnePartFailsOnlyItsRecipientsFailOverAndTheMessageIsDeliveredOnceAllAreAccepted() {
        var fifty = ScriptedProvider.accepting("fifty")
                .capabilities(Capabilities.FULL.withMaxRecipients(50))
                .then(new SendOutcome.Accepted("p1"), new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second");
        try (Postern postern = postern(RoutingConfig.DEFAULTS, fifty, second)) {
            SendResult result = postern.send(toSixty());

            assertThat(result.status()).isEqualTo(Status.DELIVERED);
            assertThat(result.attempts()).extracting(Attempt::provider).containsExactly("first", "first", "second");
            assertThat(result.attempts()).extracting(Attempt::recipients).containsExactly(50, 10, 10);
            assertThat(second.emails().getFirst().allRecipients()).hasSize(10);
            assertThat(second.contexts().getFirst().primaryRoute()).isFalse();
        }
    }

    @Test
    void aMessageWithSomePartsAcceptedAndTheRestNowhereIsDeferredAndSaysHowFarItGot() {
        var fifty = ScriptedProvider.accepting("fifty")
                .capabilities(Capabilities.FULL.withMaxRecipients(50))
                .then(new SendOutcome.Accepted("p1"))
                .always(new SendOutcome.Unavailable("HTTP 503"));
        var second = ScriptedProvider.accepting("second").always(new SendOutcome.Unavailable("HTTP 502"));
        try (Postern postern = postern(RoutingConfig.DEFAULTS, fifty, second)) {
            SendResult result = postern.send(toSixty());

            assertThat(result.status()).isEqualTo(Status.DEFERRED);
            assertThat(result.detail()).isEqualTo("50 of 60 recipients accepted; no provider took it: HTTP 502");
            assertThat(result.provider()).isEmpty();
        }
    }
}

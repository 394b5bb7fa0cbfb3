package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.provider.event.WebhookOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SesEventsTest {
    private static final Instant PUBLISHED = Instant.parse("2020-01-01T00:00:00Z");

    private static List<DeliveryEvent> read(String message) {
        WebhookOutcome outcome = SesEvents.read("sns-1", message, PUBLISHED);
        assertThat(outcome).isInstanceOf(WebhookOutcome.Events.class);
        return ((WebhookOutcome.Events) outcome).events();
    }

    @Test
    void documentedRecordsMapToOneVocabulary() {
        assertThat(read(SesExamples.DELIVERY)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEventType.DELIVERED);
            assertThat(e.detail()).isEqualTo("250 2.6.0 Message received");
            assertThat(e.posternId()).isEmpty();
        });
        assertThat(read(SesExamples.COMPLAINT)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEventType.COMPLAINED);
            assertThat(e.suppresses()).isTrue();
        });
        assertThat(read(SesExamples.DELIVERY_DELAY)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEventType.DEFERRED);
            assertThat(e.detail()).contains("421 4.4.1");
        });
        assertThat(read(SesExamples.CLICK)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(DeliveryEventType.CLICKED);
            assertThat(e.detail()).startsWith("http://docs.aws.amazon.com/");
        });
    }

    @Test
    void anIdentityNotificationCoversEachBouncedRecipientWithItsOwnIdAndReadsTheHeader() {
        List<DeliveryEvent> events = read(SesExamples.IDENTITY_BOUNCE);

        assertThat(events)
                .extracting(DeliveryEvent::recipient)
                .containsExactly("jane@example.com", "richard@example.com");
        assertThat(events)
                .extracting(DeliveryEvent::eventId)
                .containsExactly("sns-1:jane@example.com", "sns-1:richard@example.com");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.bounce()).contains(BounceKind.SOFT);
            assertThat(e.posternId()).contains("01JHEADER");
            assertThat(e.suppresses()).isFalse();
        });
    }

    @Test
    void anUndeterminedBounceIsSoft() {
        assertThat(read(SesExamples.BOUNCE.replace("\"Permanent\"", "\"Undetermined\"")))
                .singleElement()
                .satisfies(e -> assertThat(e.bounce()).contains(BounceKind.SOFT));
    }

    @Test
    void aBounceWithoutRecipientsIsMalformed() {
        String message =
                "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\"},\"mail\":{\"messageId\":\"m\"}}";

        assertThat(SesEvents.read("sns-1", message, PUBLISHED)).isInstanceOf(WebhookOutcome.Malformed.class);
    }
}

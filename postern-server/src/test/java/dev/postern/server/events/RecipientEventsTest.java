package dev.postern.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecipientEventsTest {
    private static final List<RecipientView> ADA_AND_BOB =
            List.of(RecipientView.pending("Ada@example.com"), RecipientView.pending("bob@example.com"));

    private static StoredEvent event(String recipient, DeliveryEventType type, int second) {
        return new StoredEvent(
                "ev_" + recipient + second,
                "emailr",
                "p" + second,
                Optional.of("m1"),
                recipient,
                type,
                type == DeliveryEventType.BOUNCED ? Optional.of(BounceKind.HARD) : Optional.empty(),
                "",
                Instant.ofEpochSecond(second),
                Instant.ofEpochSecond(second));
    }

    private static String status(StoredEvent... events) {
        return new RecipientEvents(List.of(events)).status(MessageStatus.DELIVERED, ADA_AND_BOB);
    }

    @Test
    void everyRecipientBouncedReadsBounced() {
        assertThat(status(
                        event("ada@example.com", DeliveryEventType.BOUNCED, 1),
                        event("bob@example.com", DeliveryEventType.BOUNCED, 2)))
                .isEqualTo("bounced");
    }

    @Test
    void oneRecipientWithoutADecisiveEventKeepsTheMessageDelivered() {
        assertThat(status(
                        event("ada@example.com", DeliveryEventType.COMPLAINED, 1),
                        event("bob@example.com", DeliveryEventType.OPENED, 2)))
                .isEqualTo("delivered");
    }

    @Test
    void theLatestDecisiveEventCountsAndMixedOutcomesStayDelivered() {
        assertThat(status(
                        event("ada@example.com", DeliveryEventType.DELIVERED, 1),
                        event("ada@example.com", DeliveryEventType.COMPLAINED, 3),
                        event("bob@example.com", DeliveryEventType.COMPLAINED, 2),
                        event("bob@example.com", DeliveryEventType.CLICKED, 4)))
                .isEqualTo("complained");
        assertThat(status(
                        event("ada@example.com", DeliveryEventType.BOUNCED, 1),
                        event("bob@example.com", DeliveryEventType.COMPLAINED, 2)))
                .isEqualTo("delivered");
    }

    @Test
    void aMessageNotDeliveredKeepsItsStoredStatus() {
        assertThat(new RecipientEvents(List.of(event("ada@example.com", DeliveryEventType.BOUNCED, 1)))
                        .status(MessageStatus.DEFERRED, ADA_AND_BOB))
                .isEqualTo("deferred");
    }

    @Test
    void eachRecipientShowsItsLatestTwentyEventsOldestFirst() {
        List<StoredEvent> events = new ArrayList<>();
        IntStream.range(0, 25).forEach(i -> events.add(event("ada@example.com", DeliveryEventType.OPENED, i)));

        List<StoredEvent> shown = new RecipientEvents(events).of("ADA@example.com");

        assertThat(shown).hasSize(RecipientEvents.PER_RECIPIENT);
        assertThat(shown.getFirst().occurredAt()).isEqualTo(Instant.ofEpochSecond(5));
    }
}

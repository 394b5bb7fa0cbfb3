package dev.postern.outbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every store does with delivery events and the outbound webhook's queue ({@link EventStore});
 * part of {@link StoreContract}, so SQLite and PostgreSQL pass the same tests.
 */
public interface EventStoreContract {
    Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    Store open(Path dir);

    Connection connect(Path dir) throws SQLException;

    static DeliveryEvent event(String id, DeliveryEventType type, String recipient, String posternId, String pmid) {
        return new DeliveryEvent(
                id,
                type,
                recipient,
                Optional.ofNullable(posternId),
                Optional.ofNullable(pmid),
                AT,
                type == DeliveryEventType.BOUNCED ? Optional.of(BounceKind.HARD) : Optional.empty(),
                type == DeliveryEventType.BOUNCED ? "550 5.1.1 no such user" : "");
    }

    /** A message delivered through {@code provider}, which answered {@code pmid} for recipient ada. */
    private static void delivered(Store store, String id, String provider, String pmid) {
        store.insert(StoreContract.message(id, AT.minusSeconds(60)), Duration.ofDays(1));
        store.claim(AT.minusSeconds(59), 10, "o", Duration.ofMinutes(1));
        RecipientView ada = new RecipientView(
                "ada@example.com", RecipientView.Status.DELIVERED, Optional.of(provider), Optional.of(pmid), "");
        store.settle(
                id,
                "o",
                1,
                List.of(),
                new Settlement.Delivered(AT.minusSeconds(58), provider, pmid, "accepted", List.of(ada)));
    }

    @Test
    default void anEventIsMatchedByThePosternIdItCarries(@TempDir Path dir) {
        try (Store store = open(dir)) {
            delivered(store, "m1", "primary", "p-1");

            List<StoredEvent> stored = store.events()
                    .recordEvents(
                            "primary",
                            List.of(event("e1", DeliveryEventType.DELIVERED, "Ada@Example.com", "m1", null)),
                            AT,
                            false);

            assertThat(stored).singleElement().satisfies(e -> {
                assertThat(e.messageId()).contains("m1");
                assertThat(e.recipient()).isEqualTo("ada@example.com");
                assertThat(e.id()).startsWith("ev_");
            });
            assertThat(store.events().messageEvents("m1", 20))
                    .extracting(StoredEvent::type)
                    .containsExactly(DeliveryEventType.DELIVERED);
        }
    }

    @Test
    default void anEventWithoutAPosternIdIsMatchedByTheProviderMessageIdItsRoundRecorded(@TempDir Path dir) {
        try (Store store = open(dir)) {
            delivered(store, "m1", "primary", "p-1");
            delivered(store, "m2", "backup", "p-1");

            store.events()
                    .recordEvents(
                            "backup",
                            List.of(event("e1", DeliveryEventType.OPENED, "ada@example.com", null, "p-1")),
                            AT,
                            false);

            assertThat(store.events().messageEvents("m2", 20)).hasSize(1);
            assertThat(store.events().messageEvents("m1", 20)).isEmpty();
        }
    }

    @Test
    default void anUnmatchedEventIsStillStoredAndListed(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.events()
                    .recordEvents(
                            "primary",
                            List.of(event("e1", DeliveryEventType.BOUNCED, "bob@example.com", "nope", "p-9")),
                            AT,
                            false);

            assertThat(store.events().recentEvents(Set.of(DeliveryEventType.BOUNCED), 10))
                    .singleElement()
                    .satisfies(e -> assertThat(e.messageId()).isEmpty());
            assertThat(store.events().recentEvents(Set.of(DeliveryEventType.DELIVERED), 10))
                    .isEmpty();
        }
    }

    @Test
    default void aReplayedEventIsIgnored(@TempDir Path dir) {
        try (Store store = open(dir)) {
            DeliveryEvent e = event("e1", DeliveryEventType.DELIVERED, "ada@example.com", null, null);
            assertThat(store.events().recordEvents("primary", List.of(e, e), AT, true))
                    .hasSize(1);

            assertThat(store.events().recordEvents("primary", List.of(e), AT.plusSeconds(1), true))
                    .isEmpty();
            // the same id from another provider is another event
            assertThat(store.events().recordEvents("backup", List.of(e), AT, true))
                    .hasSize(1);
            assertThat(store.events().deliveryDepth()).isEqualTo(2);
        }
    }

    @Test
    default void aHardBounceOrComplaintSuppressesTheAddressOnceAndASoftBounceDoesNot(@TempDir Path dir)
            throws SQLException {
        try (Store store = open(dir)) {
            DeliveryEvent soft = new DeliveryEvent(
                    "e0",
                    DeliveryEventType.BOUNCED,
                    "carl@example.com",
                    Optional.empty(),
                    Optional.empty(),
                    AT,
                    Optional.of(BounceKind.SOFT),
                    "452 mailbox full");
            store.events()
                    .recordEvents(
                            "primary",
                            List.of(
                                    soft,
                                    event("e1", DeliveryEventType.BOUNCED, "Ada@Example.com", null, null),
                                    event("e2", DeliveryEventType.COMPLAINED, "bob@example.com", null, null),
                                    event("e3", DeliveryEventType.COMPLAINED, "ada@example.com", null, null)),
                            AT,
                            false);

            try (Connection c = connect(dir);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT address, reason, provider, detail FROM suppressions ORDER BY address")) {
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .containsExactly("ada@example.com", "hard_bounce", "primary", "550 5.1.1 no such user");
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getString(2))).containsExactly("bob@example.com", "complaint");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    default void eventsAreQueuedForTheOutboundWebhookOnlyWhenAsked(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.events()
                    .recordEvents(
                            "primary",
                            List.of(event("e1", DeliveryEventType.DELIVERED, "a@example.com", null, null)),
                            AT,
                            false);
            assertThat(store.events().deliveryDepth()).isZero();
        }
    }

    @Test
    default void aClaimedDeliveryIsNotClaimedAgainUntilItsLeaseEndsAndDeliveredIsFinal(@TempDir Path dir) {
        try (Store store = open(dir)) {
            StoredEvent e = store.events()
                    .recordEvents(
                            "primary",
                            List.of(event("e1", DeliveryEventType.DELIVERED, "a@example.com", null, null)),
                            AT,
                            true)
                    .get(0);
            EventStore events = store.events();

            assertThat(events.claimDeliveries(AT, 10, "a", Duration.ofMinutes(1)))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.event()).isEqualTo(e);
                        assertThat(d.attempts()).isZero();
                    });
            assertThat(events.claimDeliveries(AT, 10, "b", Duration.ofMinutes(1)))
                    .isEmpty();

            assertThat(events.settleDelivery(e.id(), "a", new DeliveryResult.Retry(AT.plusSeconds(5), "503")))
                    .isTrue();
            assertThat(events.claimDeliveries(AT.plusSeconds(1), 10, "b", Duration.ofMinutes(1)))
                    .isEmpty();
            assertThat(events.claimDeliveries(AT.plusSeconds(5), 10, "b", Duration.ofMinutes(1)))
                    .singleElement()
                    .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
            assertThat(events.settleDelivery(e.id(), "a", new DeliveryResult.Delivered(AT)))
                    .isFalse();
            assertThat(events.settleDelivery(e.id(), "b", new DeliveryResult.Delivered(AT.plusSeconds(6))))
                    .isTrue();

            assertThat(events.deliveryDepth()).isZero();
            assertThat(events.claimDeliveries(AT.plusSeconds(3600), 10, "c", Duration.ofMinutes(1)))
                    .isEmpty();
        }
    }

    @Test
    default void queuedDeliveriesSurviveReopeningTheStore(@TempDir Path dir) {
        try (Store store = open(dir)) {
            store.events()
                    .recordEvents(
                            "primary",
                            List.of(event("e1", DeliveryEventType.COMPLAINED, "a@example.com", null, null)),
                            AT,
                            true);
        }
        try (Store store = open(dir)) {
            assertThat(store.events().claimDeliveries(AT, 10, "a", Duration.ofMinutes(1)))
                    .hasSize(1);
        }
    }
}

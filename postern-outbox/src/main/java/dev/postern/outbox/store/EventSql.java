package dev.postern.outbox.store;

import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The delivery-event statements both stores run unchanged (SQLite since 3.24 and PostgreSQL share
 * {@code ON CONFLICT ... DO NOTHING}); only claiming the outbound queue differs per back end.
 */
final class EventSql {
    static final String COLUMNS = "id, provider, provider_event_id, message_id, recipient, type, bounce, detail,"
            + " occurred_at, received_at";

    private EventSql() {}

    /** See {@link Store#recordEvents}: runs inside the caller's one transaction. */
    static List<StoredEvent> record(
            Connection c, String provider, List<DeliveryEvent> events, Instant receivedAt, boolean outbound)
            throws SQLException {
        List<StoredEvent> recorded = new ArrayList<>();
        for (DeliveryEvent e : events) {
            StoredEvent stored = new StoredEvent(
                    "ev_" + UUID.randomUUID().toString().replace("-", ""),
                    provider,
                    e.eventId(),
                    match(c, provider, e),
                    Suppression.normalize(e.recipient()),
                    e.type(),
                    e.bounce(),
                    e.detail(),
                    e.occurredAt(),
                    receivedAt);
            // the unique (provider, provider_event_id) is what ignores a replay, even one racing this
            if (insert(c, stored) == 0) {
                continue;
            }
            if (e.suppresses()) {
                update(
                        c,
                        "INSERT INTO suppressions (address, reason, provider, detail, created_at)"
                                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING",
                        stored.recipient(),
                        e.type() == DeliveryEventType.COMPLAINED ? Suppression.COMPLAINT : Suppression.HARD_BOUNCE,
                        provider,
                        e.detail(),
                        receivedAt.toEpochMilli());
            }
            if (outbound) {
                update(
                        c,
                        "INSERT INTO event_deliveries (event_id, status, created_at, due_at) VALUES (?, 'pending', ?, ?)",
                        stored.id(),
                        receivedAt.toEpochMilli(),
                        receivedAt.toEpochMilli());
            }
            recorded.add(stored);
        }
        return recorded;
    }

    private static int insert(Connection c, StoredEvent s) throws SQLException {
        return update(
                c,
                "INSERT INTO delivery_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (provider, provider_event_id) DO NOTHING",
                s.id(),
                s.provider(),
                s.providerEventId(),
                s.messageId().orElse(null),
                s.recipient(),
                s.type().wireName(),
                s.bounce().map(BounceKind::wireName).orElse(null),
                s.detail(),
                s.occurredAt().toEpochMilli(),
                s.receivedAt().toEpochMilli());
    }

    /** The message by the id Postern sent along when it is stored, else by the provider's message id. */
    private static Optional<String> match(Connection c, String provider, DeliveryEvent e) throws SQLException {
        if (e.posternId().isPresent()) {
            Optional<String> known =
                    one(c, "SELECT id FROM messages WHERE id = ?", e.posternId().get());
            if (known.isPresent()) {
                return known;
            }
        }
        if (e.providerMessageId().isPresent()) {
            return one(
                    c,
                    "SELECT message_id FROM provider_messages WHERE provider = ? AND provider_message_id = ?",
                    provider,
                    e.providerMessageId().get());
        }
        return Optional.empty();
    }

    /**
     * Remembers which message each provider's message id belongs to, for {@link #match}. Called
     * whenever a round is recorded, settled or not: a provider that took the message reports on it.
     */
    static void rememberProviderIds(Connection c, String messageId, Settlement s) throws SQLException {
        for (RecipientView r : s.recipients()) {
            if (r.provider().isPresent() && r.providerMessageId().isPresent()) {
                remember(c, r.provider().get(), r.providerMessageId().get(), messageId);
            }
        }
        if (s instanceof Settlement.Delivered d && !d.providerMessageId().isEmpty()) {
            remember(c, d.provider(), d.providerMessageId(), messageId);
        }
    }

    private static void remember(Connection c, String provider, String providerMessageId, String messageId)
            throws SQLException {
        update(
                c,
                "INSERT INTO provider_messages (provider, provider_message_id, message_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT (provider, provider_message_id) DO NOTHING",
                provider,
                providerMessageId,
                messageId);
    }

    /** The latest {@code limit} events of message {@code messageId}, oldest first. */
    static List<StoredEvent> ofMessage(Connection c, String messageId, int limit) throws SQLException {
        List<StoredEvent> events = select(
                c,
                "SELECT " + COLUMNS + " FROM delivery_events WHERE message_id = ? ORDER BY seq DESC LIMIT ?",
                messageId,
                limit);
        Collections.reverse(events);
        return events;
    }

    /** The latest {@code limit} events of the given types (all types when empty), newest first. */
    static List<StoredEvent> recent(Connection c, Set<DeliveryEventType> types, int limit) throws SQLException {
        // the names come from the enum, never from the request: safe to inline
        String where = types.isEmpty()
                ? ""
                : " WHERE type IN ("
                        + types.stream().map(t -> "'" + t.wireName() + "'").collect(Collectors.joining(", ")) + ")";
        return select(c, "SELECT " + COLUMNS + " FROM delivery_events" + where + " ORDER BY seq DESC LIMIT ?", limit);
    }

    /** The stored event with Postern id {@code id}. */
    static StoredEvent byId(Connection c, String id) throws SQLException {
        List<StoredEvent> found = select(c, "SELECT " + COLUMNS + " FROM delivery_events WHERE id = ?", id);
        if (found.isEmpty()) {
            throw new SQLException("no delivery event " + id + " for a queued outbound delivery");
        }
        return found.get(0);
    }

    /** See {@link Store#settleDelivery}. */
    static boolean settle(Connection c, String eventId, String owner, DeliveryResult result) throws SQLException {
        String set = "UPDATE event_deliveries SET status = ?, due_at = ?, lease_owner = NULL, detail = ?"
                + " WHERE event_id = ? AND status = 'pending' AND lease_owner = ?";
        int changed = switch (result) {
            case DeliveryResult.Delivered d -> update(c, set, "delivered", d.at().toEpochMilli(), "", eventId, owner);
            case DeliveryResult.Retry r ->
                update(c, set, "pending", r.dueAt().toEpochMilli(), r.detail(), eventId, owner);
            case DeliveryResult.GaveUp g -> update(c, set, "failed", g.at().toEpochMilli(), g.detail(), eventId, owner);
        };
        return changed == 1;
    }

    static long depth(Connection c) throws SQLException {
        try (PreparedStatement count =
                        c.prepareStatement("SELECT COUNT(*) FROM event_deliveries WHERE status = 'pending'");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<StoredEvent> select(Connection c, String sql, Object... values) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String bounce = rs.getString(7);
                    events.add(new StoredEvent(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            Optional.ofNullable(rs.getString(4)),
                            rs.getString(5),
                            DeliveryEventType.fromWire(rs.getString(6)),
                            Optional.ofNullable(bounce).map(b -> BounceKind.valueOf(b.toUpperCase(Locale.ROOT))),
                            rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9)),
                            Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
        }
        return events;
    }

    private static Optional<String> one(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bind(select, values);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}

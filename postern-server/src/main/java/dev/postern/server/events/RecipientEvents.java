package dev.postern.server.events;

import dev.postern.outbox.store.MessageStatus;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.event.DeliveryEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message's delivery events by recipient, as {@code GET /v1/messages/{id}} shows them, and the
 * status they imply. The store's status stays {@code delivered} (the outbox's state machine knows
 * nothing of what happened after a provider took the message); {@code bounced} and {@code
 * complained} are read from the events here.
 */
public final class RecipientEvents {
    /** How many events each recipient shows at most: the latest ones. */
    public static final int PER_RECIPIENT = 20;

    private final Map<String, List<StoredEvent>> byRecipient;

    /** @param events the message's events, oldest first */
    public RecipientEvents(List<StoredEvent> events) {
        Map<String, List<StoredEvent>> grouped = new LinkedHashMap<>();
        for (StoredEvent e : events) {
            grouped.computeIfAbsent(e.recipient(), r -> new ArrayList<>()).add(e);
        }
        grouped.replaceAll((r, list) ->
                List.copyOf(list.subList(Math.max(0, list.size() - PER_RECIPIENT), list.size())));
        this.byRecipient = grouped;
    }

    /** The latest {@link #PER_RECIPIENT} events of {@code address} (any case), oldest first. */
    public List<StoredEvent> of(String address) {
        return byRecipient.getOrDefault(address.strip().toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * {@code bounced} or {@code complained} when the message was delivered to providers and EVERY
     * recipient's latest decisive event (delivered, bounced, complained) says so; else the store's
     * status. A recipient with no decisive event yet keeps the message {@code delivered}.
     */
    public String status(MessageStatus stored, List<RecipientView> recipients) {
        if (stored != MessageStatus.DELIVERED || recipients.isEmpty()) {
            return stored.wireName();
        }
        Optional<DeliveryEventType> common = Optional.empty();
        for (RecipientView r : recipients) {
            Optional<DeliveryEventType> last = of(r.address()).stream()
                    .filter(StoredEvent::decisive)
                    .reduce((a, b) -> b)
                    .map(StoredEvent::type);
            if (last.isEmpty() || last.get() == DeliveryEventType.DELIVERED) {
                return stored.wireName();
            }
            if (common.isPresent() && common.get() != last.get()) {
                return stored.wireName();
            }
            common = last;
        }
        return common.map(DeliveryEventType::wireName).orElse(stored.wireName());
    }
}

package dev.postern.sim.events;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an accepted message that providers repeat in their event webhooks.
 *
 * @param providerMessageId the id the simulator answered the send with
 * @param recipients every recipient (to, cc, bcc) as a bare address
 * @param metadata the provider's metadata or custom variables, which its events echo (e.g. {@code
 *     postern_id})
 * @param headers custom headers as sent
 */
public record EventMessage(
        String providerMessageId,
        String from,
        List<String> recipients,
        String subject,
        Map<String, String> metadata,
        Map<String, String> headers,
        List<String> tags) {

    public EventMessage {
        Objects.requireNonNull(providerMessageId, "providerMessageId must be present, but was null");
        from = from == null ? "" : from;
        subject = subject == null ? "" : subject;
        recipients = List.copyOf(recipients);
        metadata = Map.copyOf(metadata);
        headers = Map.copyOf(headers);
        tags = List.copyOf(tags);
    }

    /** Postern's id for the message: its {@code postern_id} metadata, else its {@code X-Postern-Id} header. */
    public Optional<String> posternId() {
        return Optional.ofNullable(metadata.get("postern_id"))
                .or(() -> headers.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("X-Postern-Id"))
                        .map(Map.Entry::getValue)
                        .findFirst());
    }

    /** The bare address in {@code "Name <a@b>"} or {@code a@b}. */
    public static String bareAddress(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        return open >= 0 && close > open ? address.substring(open + 1, close).strip() : address.strip();
    }
}

package dev.postern.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message a simulator accepted, parsed from the provider's own wire format into one shape, so a
 * test can check what arrived whatever the provider. Addresses are as the request gave them
 * ({@code "Name <a@b>"} or {@code a@b}).
 *
 * @param providerMessageId the id the simulator answered with
 * @param headers custom headers as sent (e.g. {@code X-Postern-Id})
 * @param metadata the provider's metadata or custom variables (e.g. {@code postern_id})
 */
public record ReceivedMessage(
        String providerMessageId,
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        Map<String, String> metadata,
        List<String> tags,
        List<ReceivedAttachment> attachments) {

    public ReceivedMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        headers = Map.copyOf(headers);
        metadata = Map.copyOf(metadata);
        tags = List.copyOf(tags);
        attachments = List.copyOf(attachments);
    }

    /** A header's value, its name compared without case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** An attachment as received, content decoded. */
    public record ReceivedAttachment(String filename, String contentType, byte[] content) {
        public ReceivedAttachment {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }
}

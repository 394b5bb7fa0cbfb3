package dev.postern.provider.postmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import dev.postern.provider.transport.HttpTransport;
import dev.postern.provider.transport.ListPage;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The suppressions of the configured message stream: {@code GET
 * /message-streams/{stream}/suppressions/dump}, one answer {@code {"Suppressions": [{"EmailAddress",
 * "SuppressionReason": "HardBounce"|"SpamComplaint"|"ManualSuppression", "Origin", "CreatedAt"}]}}.
 * See https://postmarkapp.com/developer/api/suppressions-api.
 */
final class PostmarkSuppressions implements SuppressionSource {
    private final PostmarkConfig config;
    private final HttpTransport transport;

    PostmarkSuppressions(PostmarkConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    @Override
    public long read(Consumer<ProviderSuppression> each) {
        String stream = URLEncoder.encode(config.messageStream(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        config.endpoint("/message-streams/" + stream + "/suppressions/dump"))
                .header(PostmarkProvider.TOKEN_HEADER, config.apiKey().value())
                .header("Accept", "application/json");
        JsonNode list = ListPage.get(transport, request, "Postmark").path("Suppressions");
        if (!list.isArray()) {
            throw new SuppressionSourceException("Postmark answered the suppression dump without a Suppressions list");
        }
        long read = 0;
        for (JsonNode entry : list) {
            String email = entry.path("EmailAddress").asText("");
            if (email.isBlank()) {
                continue;
            }
            String reason = entry.path("SuppressionReason").asText("");
            String origin = entry.path("Origin").asText("");
            each.accept(new ProviderSuppression(
                    email, reason(reason), origin.isEmpty() ? "" : "origin: " + origin, created(entry)));
            if (++read >= MAX_ENTRIES) {
                throw new SuppressionSourceException("Postmark's list is longer than " + MAX_ENTRIES + " entries");
            }
        }
        return read;
    }

    private static String reason(String postmark) {
        return switch (postmark) {
            case "HardBounce" -> "hard_bounce";
            case "SpamComplaint" -> "complaint";
            case "" -> "manual";
            default -> postmark;
        };
    }

    private static Optional<Instant> created(JsonNode entry) {
        try {
            return Optional.of(
                    OffsetDateTime.parse(entry.path("CreatedAt").asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

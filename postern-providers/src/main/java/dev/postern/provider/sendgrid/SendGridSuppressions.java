package dev.postern.provider.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import dev.postern.provider.transport.HttpTransport;
import dev.postern.provider.transport.ListPage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SendGrid's bounce and spam-report lists: {@code GET /v3/suppression/bounces} and {@code GET
 * /v3/suppression/spam_reports}, paged with {@code limit} (at most 500) and {@code offset}; each entry
 * {@code {"created": unix seconds, "email", "reason"?, "status"?}}. See
 * https://www.twilio.com/docs/sendgrid/api-reference/bounces-api/retrieve-all-bounces.
 */
final class SendGridSuppressions implements SuppressionSource {
    static final int PAGE = 500;

    private final SendGridConfig config;
    private final HttpTransport transport;

    SendGridSuppressions(SendGridConfig config, HttpTransport transport) {
        this.config = config;
        this.transport = transport;
    }

    @Override
    public long read(Consumer<ProviderSuppression> each) {
        long read = list("/v3/suppression/bounces", "hard_bounce", each, 0);
        return list("/v3/suppression/spam_reports", "complaint", each, read);
    }

    private long list(String path, String reason, Consumer<ProviderSuppression> each, long read) {
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = ListPage.get(transport, request(path + "?limit=" + PAGE + "&offset=" + offset), "SendGrid");
            if (!page.isArray()) {
                throw new SuppressionSourceException("SendGrid answered " + path + " without a list");
            }
            for (JsonNode entry : page) {
                String email = entry.path("email").asText("");
                if (email.isBlank()) {
                    continue;
                }
                Optional<Instant> created = entry.path("created").canConvertToLong()
                        ? Optional.of(
                                Instant.ofEpochSecond(entry.path("created").asLong()))
                        : Optional.empty();
                each.accept(new ProviderSuppression(
                        email, reason, entry.path("reason").asText(""), created));
                if (++read >= MAX_ENTRIES) {
                    throw new SuppressionSourceException("SendGrid's list is longer than " + MAX_ENTRIES + " entries");
                }
            }
            if (page.size() < PAGE) {
                return read;
            }
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + config.apiKey().value())
                .header("Accept", "application/json");
    }
}

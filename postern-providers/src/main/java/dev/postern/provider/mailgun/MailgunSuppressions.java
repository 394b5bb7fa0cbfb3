package dev.postern.provider.mailgun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import dev.postern.provider.transport.HttpTransport;
import dev.postern.provider.transport.ListPage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The domain's bounce and complaint lists: {@code GET /v3/{domain}/bounces} and {@code
 * /v3/{domain}/complaints}, {@code {"items": [{"address", "code"?, "error"?, "created_at"}], "paging":
 * {"next": url}}}, followed page by page until a page has no items (Mailgun always gives a {@code
 * next}). Only the path and query of {@code next} are used, on the configured base URL, so the
 * credentials never go to another host.
 */
final class MailgunSuppressions implements SuppressionSource {
    static final int PAGE = 1000;
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", Locale.ROOT);

    private final MailgunConfig config;
    private final HttpTransport transport;
    private final String authorization;

    MailgunSuppressions(MailgunConfig config, HttpTransport transport, String authorization) {
        this.config = config;
        this.transport = transport;
        this.authorization = authorization;
    }

    @Override
    public long read(Consumer<ProviderSuppression> each) {
        String domain = URLEncoder.encode(config.domain(), StandardCharsets.UTF_8);
        long read = list("/v3/" + domain + "/bounces?limit=" + PAGE, "hard_bounce", each, 0);
        return list("/v3/" + domain + "/complaints?limit=" + PAGE, "complaint", each, read);
    }

    private long list(String first, String reason, Consumer<ProviderSuppression> each, long read) {
        String next = first;
        while (true) {
            JsonNode page = ListPage.get(transport, request(next), "Mailgun");
            JsonNode items = page.path("items");
            if (!items.isArray()) {
                throw new SuppressionSourceException("Mailgun answered " + path(first) + " without items");
            }
            if (items.isEmpty()) {
                return read;
            }
            for (JsonNode entry : items) {
                String address = entry.path("address").asText("");
                if (address.isBlank()) {
                    continue;
                }
                String detail = (entry.path("code").asText("") + " "
                                + entry.path("error").asText(""))
                        .strip();
                each.accept(new ProviderSuppression(address, reason, detail, created(entry)));
                if (++read >= MAX_ENTRIES) {
                    throw new SuppressionSourceException("Mailgun's list is longer than " + MAX_ENTRIES + " entries");
                }
            }
            String link = page.path("paging").path("next").asText("");
            if (link.isEmpty() || pathAndQuery(link).equals(next)) {
                return read;
            }
            next = pathAndQuery(link);
        }
    }

    private static String pathAndQuery(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private static Optional<Instant> created(JsonNode entry) {
        try {
            return Optional.of(ZonedDateTime.parse(entry.path("created_at").asText(), CREATED)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.postern.provider.postmark;

import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import dev.postern.provider.event.WebhookRequest;
import dev.postern.provider.webhook.Signatures;
import dev.postern.provider.webhook.WebhookJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Postmark's webhooks, one record per request, authenticated by the basic-auth credentials of the
 * webhook URL (Postmark signs nothing and sends no timestamp, so no request is ever {@link
 * WebhookOutcome.Stale}: replays are caught by event id alone). Records are read by {@link
 * PostmarkEvents}.
 */
final class PostmarkEventWebhook implements EventWebhook {
    private final PostmarkWebhookCredentials credentials;

    PostmarkEventWebhook(PostmarkWebhookCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        if (!authorized(request.header("Authorization"))) {
            return new WebhookOutcome.Unauthorized(
                    "Authorization is not basic auth with the configured webhook user and password");
        }
        return switch (WebhookJson.read(request.body())) {
            case WebhookJson.Body.Unreadable u -> new WebhookOutcome.Malformed(u.reason());
            case WebhookJson.Body.Read r ->
                r.json().isObject()
                        ? new WebhookOutcome.Events(PostmarkEvents.read(r.json(), request.receivedAt())
                                .map(List::of)
                                .orElse(List.of()))
                        : new WebhookOutcome.Malformed("the body is not a JSON object");
        };
    }

    private boolean authorized(Optional<String> header) {
        if (header.isEmpty()) {
            return false;
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Signatures.same(decoded, credentials.decoded().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PostmarkEventWebhook";
    }
}

package dev.postern.provider.postmark;

import dev.postern.provider.transport.Secret;
import java.util.Objects;

/**
 * The HTTP basic-auth credentials written into the webhook URL configured at Postmark ({@code
 * https://user:password@…}), which Postmark sends as {@code Authorization: Basic}: Postmark does
 * not sign its webhooks, and documents these credentials as their protection
 * (https://postmarkapp.com/developer/webhooks/webhooks-overview).
 *
 * @param user {@code webhook.user}: not blank, without ':' (basic auth cannot carry one in a user)
 * @param password {@code webhook.password}
 */
public record PostmarkWebhookCredentials(String user, Secret password) {

    public PostmarkWebhookCredentials {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("webhook.user must not be blank");
        }
        if (user.contains(":")) {
            throw new IllegalArgumentException("webhook.user must not contain ':', which basic auth cannot carry");
        }
        Objects.requireNonNull(password, "webhook.password must not be blank");
    }

    /** What a correct {@code Authorization: Basic} header decodes to. */
    String decoded() {
        return user + ":" + password.value();
    }

    @Override
    public String toString() {
        return "PostmarkWebhookCredentials[user=" + user + ", password=" + password + "]";
    }
}

package dev.postern.provider.webhook;

import dev.postern.provider.event.EventWebhook;
import dev.postern.provider.event.WebhookOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Judges a signed timestamp against the moment the request arrived: one rule for every provider
 * whose scheme signs one (SendGrid, Mailgun, Postern's own {@code http} format).
 */
public final class Freshness {
    /** Epoch seconds as providers send them; at most 12 digits, so nothing overflows. */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");

    private Freshness() {}

    /** The instant {@code text} names in epoch seconds, or empty when it is not a whole number of them. */
    public static Optional<Instant> epochSeconds(String text) {
        if (text == null || !EPOCH_SECONDS.matcher(text.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.strip())));
    }

    /**
     * {@link WebhookOutcome.Stale} when {@code signedAt} is more than {@link EventWebhook#MAX_AGE}
     * away from {@code receivedAt}, on either side: a signature from the future is as unusable for
     * telling a replay apart as an old one (clocks may drift, but not by minutes).
     */
    public static Optional<WebhookOutcome> judge(Instant signedAt, Instant receivedAt) {
        Duration age = Duration.between(signedAt, receivedAt);
        if (age.abs().compareTo(EventWebhook.MAX_AGE) <= 0) {
            return Optional.empty();
        }
        String when = age.isNegative() ? "in the future" : "ago";
        return Optional.of(new WebhookOutcome.Stale("signed " + age.abs().toSeconds() + "s " + when + ", beyond the "
                + EventWebhook.MAX_AGE.toSeconds() + "s a signature is accepted"));
    }
}

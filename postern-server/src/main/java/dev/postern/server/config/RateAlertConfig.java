package dev.postern.server.config;

/**
 * When the gateway raises {@code bounce_rate_high} and {@code complaint_rate_high} ({@code
 * alerts.bounce_rate}, {@code alerts.complaint_rate}, {@code alerts.rate_min_sent}): a provider's
 * hard-bounce (complaint) rate over the last hour is at or above its threshold, once it has sent at
 * least {@code minSent} messages in that hour, so that one bounce among two messages pages nobody.
 *
 * @param bounceRate hard bounces per message sent, as a fraction in (0, 1]
 * @param complaintRate complaints per message sent, as a fraction in (0, 1]
 * @param minSent messages a provider must have sent in the window before its rates are judged
 */
public record RateAlertConfig(double bounceRate, double complaintRate, long minSent) {

    /**
     * 5% hard bounces, 0.1% complaints, judged from 50 messages: about where mailbox providers and
     * the sending services themselves start to act (Amazon SES reviews an account from 5% bounces
     * and 0.1% complaints).
     */
    public static final RateAlertConfig DEFAULTS = new RateAlertConfig(0.05, 0.001, 50);

    public RateAlertConfig {
        fraction("alerts.bounce_rate", bounceRate);
        fraction("alerts.complaint_rate", complaintRate);
        if (minSent < 1) {
            throw new IllegalArgumentException("alerts.rate_min_sent must be >= 1, but was " + minSent);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0%, 100%], but was " + value * 100 + "%");
        }
    }
}

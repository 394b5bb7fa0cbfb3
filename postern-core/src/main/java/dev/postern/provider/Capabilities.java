package dev.postern.provider;

/**
 * What a provider can do with a message. Before an attempt, a message is adapted to the provider's
 * capabilities (a feature it lacks is dropped and recorded as degraded) rather than failed.
 *
 * @param carbonCopies whether cc and bcc recipients can be sent as such
 * @param maxMessageBytes the largest message the provider takes, encoded
 * @param maxRecipients the most recipients (to + cc + bcc) in one message
 */
public record Capabilities(
        boolean openTracking,
        boolean clickTracking,
        boolean templates,
        boolean scheduledSend,
        boolean tags,
        boolean metadata,
        boolean customHeaders,
        boolean carbonCopies,
        long maxMessageBytes,
        int maxRecipients) {

    /** Everything supported, within the limits of {@link dev.postern.email.Email} itself. */
    public static final Capabilities FULL =
            new Capabilities(true, true, true, true, true, true, true, true, 26_214_400L, 1000);

    public Capabilities {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0, but was " + maxMessageBytes);
        }
        if (maxRecipients <= 0) {
            throw new IllegalArgumentException("maxRecipients must be > 0, but was " + maxRecipients);
        }
    }
}

package dev.postern.provider;

import dev.postern.email.Email;
import java.util.Optional;

/**
 * What a provider can do with a message. Before an attempt, a message is adapted to the provider's
 * capabilities (a feature it lacks is dropped and recorded as degraded) rather than failed.
 *
 * @param carbonCopies whether cc and bcc recipients can be sent as such
 * @param maxMessageBytes the largest message the provider takes, encoded
 * @param maxRecipients the most recipients (to + cc + bcc) in one message; more are split into
 *     several sends
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

    /**
     * Why this provider cannot carry {@code email} at all, even adapted, if it cannot: cc or bcc it
     * cannot express, or more bytes than it takes. Routing skips such a provider for the message
     * without charging it. Features it merely lacks (tracking, tags, metadata, custom headers) are
     * dropped, and more recipients than {@link #maxRecipients} are split into several sends, so
     * neither is a reason.
     */
    public Optional<String> refusal(Email email) {
        if (!carbonCopies && !(email.cc().isEmpty() && email.bcc().isEmpty())) {
            return Optional.of("cannot send cc or bcc recipients");
        }
        long size = email.sizeBytes();
        if (size > maxMessageBytes) {
            return Optional.of("takes at most " + maxMessageBytes + " bytes, the message has about " + size);
        }
        return Optional.empty();
    }

    public Capabilities {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0, but was " + maxMessageBytes);
        }
        if (maxRecipients <= 0) {
            throw new IllegalArgumentException("maxRecipients must be > 0, but was " + maxRecipients);
        }
    }

    public Capabilities withCarbonCopies(boolean carbonCopies) {
        return new Capabilities(
                openTracking,
                clickTracking,
                templates,
                scheduledSend,
                tags,
                metadata,
                customHeaders,
                carbonCopies,
                maxMessageBytes,
                maxRecipients);
    }

    public Capabilities withMaxMessageBytes(long maxMessageBytes) {
        return new Capabilities(
                openTracking,
                clickTracking,
                templates,
                scheduledSend,
                tags,
                metadata,
                customHeaders,
                carbonCopies,
                maxMessageBytes,
                maxRecipients);
    }

    public Capabilities withMaxRecipients(int maxRecipients) {
        return new Capabilities(
                openTracking,
                clickTracking,
                templates,
                scheduledSend,
                tags,
                metadata,
                customHeaders,
                carbonCopies,
                maxMessageBytes,
                maxRecipients);
    }
}

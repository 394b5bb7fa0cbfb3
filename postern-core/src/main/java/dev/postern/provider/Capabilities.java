package dev.postern.provider;

import dev.postern.email.Email;
import java.util.Optional;

/**
 * What a provider can do with a message. Before an attempt, a message is adapted to the provider's
 * capabilities (a feature it lacks is dropped and recorded as degraded) rather than failed. Built
 * with {@link #builder()}, which starts from {@link #FULL}:
 *
 * <pre>{@code
 * Capabilities.builder().openTracking(false).clickTracking(false).maxRecipients(50).build()
 * }</pre>
 *
 * @param openTracking whether the provider can track opens
 * @param clickTracking whether the provider can track clicks
 * @param tags whether the provider carries tags
 * @param metadata whether the provider has a metadata field (where Postern's id travels)
 * @param customHeaders whether the provider sends custom headers
 * @param carbonCopies whether cc and bcc recipients can be sent as such
 * @param maxMessageBytes the largest message the provider takes, encoded
 * @param maxRecipients the most recipients (to + cc + bcc) in one message; more are split into
 *     several sends
 */
public record Capabilities(
        boolean openTracking,
        boolean clickTracking,
        boolean tags,
        boolean metadata,
        boolean customHeaders,
        boolean carbonCopies,
        long maxMessageBytes,
        int maxRecipients) {

    /** Everything supported, within the limits of {@link dev.postern.email.Email} itself. */
    public static final Capabilities FULL = new Capabilities(true, true, true, true, true, true, 26_214_400L, 1000);

    public Capabilities {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0, but was " + maxMessageBytes);
        }
        if (maxRecipients <= 0) {
            throw new IllegalArgumentException("maxRecipients must be > 0, but was " + maxRecipients);
        }
    }

    /** A builder starting from {@link #FULL}: name only what the provider lacks. */
    public static Builder builder() {
        return FULL.toBuilder();
    }

    /** A builder starting from these capabilities. */
    public Builder toBuilder() {
        return new Builder(this);
    }

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

    public Capabilities withCarbonCopies(boolean carbonCopies) {
        return toBuilder().carbonCopies(carbonCopies).build();
    }

    public Capabilities withMaxMessageBytes(long maxMessageBytes) {
        return toBuilder().maxMessageBytes(maxMessageBytes).build();
    }

    public Capabilities withMaxRecipients(int maxRecipients) {
        return toBuilder().maxRecipients(maxRecipients).build();
    }

    /** Sets capabilities by name; {@link #build} checks the limits. */
    public static final class Builder {
        private boolean openTracking;
        private boolean clickTracking;
        private boolean tags;
        private boolean metadata;
        private boolean customHeaders;
        private boolean carbonCopies;
        private long maxMessageBytes;
        private int maxRecipients;

        private Builder(Capabilities from) {
            openTracking = from.openTracking;
            clickTracking = from.clickTracking;
            tags = from.tags;
            metadata = from.metadata;
            customHeaders = from.customHeaders;
            carbonCopies = from.carbonCopies;
            maxMessageBytes = from.maxMessageBytes;
            maxRecipients = from.maxRecipients;
        }

        public Builder openTracking(boolean value) {
            openTracking = value;
            return this;
        }

        public Builder clickTracking(boolean value) {
            clickTracking = value;
            return this;
        }

        /** Open and click tracking at once: providers offer both or neither. */
        public Builder tracking(boolean value) {
            return openTracking(value).clickTracking(value);
        }

        public Builder tags(boolean value) {
            tags = value;
            return this;
        }

        public Builder metadata(boolean value) {
            metadata = value;
            return this;
        }

        public Builder customHeaders(boolean value) {
            customHeaders = value;
            return this;
        }

        public Builder carbonCopies(boolean value) {
            carbonCopies = value;
            return this;
        }

        public Builder maxMessageBytes(long value) {
            maxMessageBytes = value;
            return this;
        }

        public Builder maxRecipients(int value) {
            maxRecipients = value;
            return this;
        }

        public Capabilities build() {
            return new Capabilities(
                    openTracking,
                    clickTracking,
                    tags,
                    metadata,
                    customHeaders,
                    carbonCopies,
                    maxMessageBytes,
                    maxRecipients);
        }
    }
}

package dev.postern.routing;

import java.util.Locale;

/**
 * A message feature Postern may drop to get the message through a provider that lacks it, or, when
 * listed in {@code degrade_on_failover}, on any route other than the message's planned one. What was
 * dropped is recorded on the attempt by {@link #wireName()}.
 */
public enum Feature {
    /** Open and click tracking flags; on failover also tracking pixels and wrapped links in the HTML. */
    TRACKING,
    /** Tags (categories). */
    TAGS,
    /** Metadata key/values (Postern's own correlation id is added by the adapter regardless). */
    METADATA,
    /** Caller-given extra headers ({@code X-Postern-Id} is added by the adapter regardless). */
    CUSTOM_HEADERS;

    /** The lower-case name used in configuration, the API and {@link dev.postern.Attempt#degraded()}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.postern.provider.event;

import java.util.Locale;

/**
 * What a provider reported about a message after it took it: one vocabulary for every provider's
 * webhook, so an application handles {@code bounced} once whatever the provider calls it.
 */
public enum DeliveryEventType {
    /** The receiving server accepted the message for the recipient. */
    DELIVERED,
    /** The receiving server refused it, for good ({@link BounceKind#HARD}) or for now ({@link BounceKind#SOFT}). */
    BOUNCED,
    /** The recipient marked it as spam. */
    COMPLAINED,
    /** The provider is still trying: the receiving server answered with a temporary failure. */
    DEFERRED,
    /** The recipient opened it (tracking pixel). */
    OPENED,
    /** The recipient followed a tracked link. */
    CLICKED,
    /** The recipient unsubscribed through the provider's link. */
    UNSUBSCRIBED;

    /** The lower-case name used in the API, the store and the outbound webhook. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named {@code wire} ({@code bounced}, …); throws for an unknown name. */
    public static DeliveryEventType fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}

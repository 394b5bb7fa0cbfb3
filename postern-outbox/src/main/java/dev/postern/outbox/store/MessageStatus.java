package dev.postern.outbox.store;

import java.util.Locale;

/**
 * Where a message stands in the outbox: {@code queued → sending → delivered | deferred → … | failed}.
 * {@link #DELIVERED} and {@link #FAILED} are final; the others are pending.
 */
public enum MessageStatus {
    /** Accepted and durable; waiting for its first attempt. */
    QUEUED,
    /** Claimed by a dispatcher whose lease has not expired; an attempt may be in flight. */
    SENDING,
    /** A provider took responsibility for it. */
    DELIVERED,
    /** No provider took it yet; it is retried at its due time. */
    DEFERRED,
    /** It will not be delivered: rejected, or out of time. */
    FAILED;

    /** The name used in the API and the store: {@code queued}, {@code sending}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True for delivered and failed: nothing will happen to the message any more. */
    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}

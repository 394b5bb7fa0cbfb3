package dev.postern.outbox.store;

import dev.postern.outbox.Outbox;
import java.util.Objects;

/**
 * Who handed a message to the outbox: an API key, an SMTP user, a drill. An idempotency key belongs
 * to its submitter, so the same key from two submitters names two messages; the HTTP API shows a
 * message only to its submitter (and to admin keys).
 *
 * <p>{@link #UNSCOPED} (the empty name) is what {@link Outbox#accept(dev.postern.email.Email, String)}
 * uses, for a library with a single caller, and what messages and idempotency keys stored before
 * submitters were recorded carry: they still match each other, and a submitter with a name never
 * matches them.
 *
 * @param name stable and not secret, such as {@code api_key:shop}; at most 255 characters
 */
public record Submitter(String name) {
    public static final Submitter UNSCOPED = new Submitter("");

    private static final int MAX_LENGTH = 255;

    public Submitter {
        Objects.requireNonNull(name, "submitter");
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "submitter must be at most " + MAX_LENGTH + " characters, but was " + name.length());
        }
    }

    /** True for {@link #UNSCOPED}: a message or key stored without a submitter. */
    public boolean unscoped() {
        return name.isEmpty();
    }
}

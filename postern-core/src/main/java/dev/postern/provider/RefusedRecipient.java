package dev.postern.provider;

import java.util.Objects;

/**
 * One recipient a provider would not take, with its answer: the provider's verdict on that mailbox,
 * not on the provider itself. Routing never charges it to the provider's breaker, cooling or
 * health.
 *
 * @param address the recipient's address as the message names it ({@code a@b}, no display name)
 * @param permanent true for a final answer (SMTP 5xx: unknown mailbox, suppressed): the recipient
 *     is not tried again; false for a temporary one (SMTP 4xx: greylisting, mailbox busy, too many
 *     recipients): the recipient is tried again later
 * @param reply what the provider answered, one line, safe to show
 */
public record RefusedRecipient(String address, boolean permanent, String reply) {
    public RefusedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reply, "reply");
    }

    /** "nobody@example.com (550 5.1.1 User unknown)". */
    @Override
    public String toString() {
        return address + " (" + reply + ")";
    }
}

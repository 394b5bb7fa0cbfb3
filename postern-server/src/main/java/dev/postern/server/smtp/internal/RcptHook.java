package dev.postern.server.smtp.internal;

import java.util.Optional;

/** A rule checked at each {@code RCPT TO}: empty to accept the recipient, or the refusal. */
@FunctionalInterface
public interface RcptHook {
    /**
     * @param accepted how many recipients this transaction has accepted before this one
     */
    Optional<Reply> onRcpt(Client client, String recipient, int accepted);
}

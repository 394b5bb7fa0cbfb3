package dev.postern.server.smtp.internal;

import java.util.Optional;

/** A rule checked at {@code MAIL FROM}: empty to let the transaction go on, or the refusal. */
@FunctionalInterface
public interface MailHook {
    /**
     * @param reversePath the sender address from {@code MAIL FROM:<…>}, empty for a bounce
     */
    Optional<Reply> onMail(Client client, String reversePath);
}

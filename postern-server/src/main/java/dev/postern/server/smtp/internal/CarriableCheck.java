package dev.postern.server.smtp.internal;

import dev.postern.email.Email;
import dev.postern.server.config.Carriers;
import java.util.Optional;

/**
 * Refuses a message no configured provider can ever take (too large for all, cc or bcc none can
 * send) with {@code 554 5.6.0}: answered {@code 250}, it would fail without an attempt, and the
 * sender would learn it from a status it never reads rather than from this reply.
 */
record CarriableCheck(Carriers carriers) implements MessageHook {
    @Override
    public Optional<Reply> onMessage(Client client, Email parsed) {
        return carriers.refusal(parsed)
                .map(why -> new Reply(554, "5.6.0 No configured provider can carry this message: " + why));
    }
}

package dev.postern.server.smtp.internal;

import dev.postern.email.Email;
import java.util.Optional;

/** A rule checked once the message is read and parsed, before it is stored. */
@FunctionalInterface
public interface MessageHook {
    Optional<Reply> onMessage(Client client, Email parsed);
}

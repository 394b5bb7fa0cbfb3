package dev.postern.server.smtp.internal;

import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.Suppression;
import dev.postern.outbox.store.Suppressions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code suppressions.on_send: refuse}, a {@code RCPT TO} a suppressed address gets {@code 550
 * 5.1.1}: the sender learns at once that this address will not be mailed. Runs after {@link
 * AddressSyntax}, so the address is well formed.
 */
final class SuppressedRecipient implements RcptHook {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressedRecipient.class);

    private final Suppressions suppressions;

    SuppressedRecipient(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public Optional<Reply> onRcpt(Client client, String recipient, int accepted) {
        Optional<Suppression> found;
        try {
            found = suppressions.find(recipient);
        } catch (StoreException e) {
            // Accepted: the dispatcher looks the list up again before it sends, and skips it then.
            LOG.warn("could not read the suppression list at RCPT TO; accepting the recipient", e);
            return Optional.empty();
        }
        return found.map(
                s -> new Reply(550, "5.1.1 Recipient is suppressed (" + s.reason() + "); Postern does not send to it"));
    }
}

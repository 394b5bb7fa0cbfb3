package dev.postern.server.http;

import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.outbox.store.StoreException;
import dev.postern.outbox.store.Suppression;
import dev.postern.outbox.store.Suppressions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code suppressions.on_send: refuse}, {@code 422 suppressed} for a message whose every
 * recipient (to, cc and bcc) is on the suppression list, naming them. A message with some
 * recipients suppressed is accepted: the dispatcher skips those and records them as {@code
 * suppressed}. With {@code skip} (empty list) it checks nothing.
 */
final class SuppressionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionCheck.class);

    /** A check that accepts everything: {@code on_send: skip}. */
    static final SuppressionCheck SKIP = new SuppressionCheck(Optional.empty());

    private final Optional<Suppressions> refused;

    SuppressionCheck(Optional<Suppressions> refused) {
        this.refused = refused;
    }

    void check(Email email) {
        if (refused.isEmpty()) {
            return;
        }
        Set<String> recipients = new LinkedHashSet<>();
        for (Address a : email.allRecipients()) {
            recipients.add(Suppression.normalize(a.email()));
        }
        Map<String, Suppression> found;
        try {
            found = refused.get().matching(recipients);
        } catch (StoreException e) {
            // Accepted: the dispatcher looks the list up again before it sends, and skips them then.
            LOG.warn("could not read the suppression list at intake; accepting the message", e);
            return;
        }
        if (!recipients.isEmpty() && found.keySet().containsAll(recipients)) {
            List<String> named = List.copyOf(recipients);
            throw new ApiError(
                    422,
                    "suppressed",
                    "every recipient is on the suppression list: " + String.join(", ", named),
                    null,
                    null);
        }
    }
}

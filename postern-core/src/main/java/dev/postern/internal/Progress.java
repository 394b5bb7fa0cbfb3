package dev.postern.internal;

import dev.postern.Attempt;
import dev.postern.degradation.internal.Recipients;
import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One message on its way through the providers: the recipients still to reach (parts accepted by
 * one provider are not sent again by the next), the attempts made, the providers passed by at their
 * rate limit, and whether the message is still on its planned route.
 */
final class Progress {
    private final String messageId;
    private final int recipients;
    private final Set<Address> reached = new HashSet<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<String> atLimit = new ArrayList<>();
    private Email remaining;
    private boolean planned;
    private int providersTried;

    Progress(String messageId, Email email, boolean planned) {
        this.messageId = messageId;
        this.recipients = email.allRecipients().size();
        this.remaining = email;
        this.planned = planned;
    }

    String messageId() {
        return messageId;
    }

    /** What is still to send: the message addressed to the recipients not reached yet. */
    Email remaining() {
        return remaining;
    }

    boolean planned() {
        return planned;
    }

    /** The message goes on a failover route from now on. */
    void leavePlan() {
        planned = false;
    }

    AttemptContext context(int part, int parts) {
        return new AttemptContext(messageId, attempts.size() + 1, planned, part, parts);
    }

    void add(Attempt attempt, Email part) {
        attempts.add(attempt);
        if (attempt.accepted()) {
            reached.addAll(part.allRecipients());
            remaining = Recipients.without(remaining, reached);
        }
    }

    /** Every recipient is in an accepted part. */
    boolean done() {
        return remaining == null;
    }

    void passedAtLimit(String provider) {
        atLimit.add(provider);
    }

    List<String> atLimit() {
        return atLimit;
    }

    void triedProvider() {
        providersTried++;
    }

    int providersTried() {
        return providersTried;
    }

    List<Attempt> attempts() {
        return attempts;
    }

    /** "20 of 60 recipients accepted; " when the message went out in part only, else "". */
    String partly() {
        return reached.isEmpty() || done() ? "" : reached.size() + " of " + recipients + " recipients accepted; ";
    }
}

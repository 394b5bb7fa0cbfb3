package dev.postern.internal;

import dev.postern.Attempt;
import dev.postern.RecipientOutcome;
import dev.postern.RecipientOutcome.Verdict;
import dev.postern.SendResult.Status;
import dev.postern.degradation.internal.Recipients;
import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.RefusedRecipient;
import dev.postern.provider.SendOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One message on its way through the providers: the recipients still to reach (recipients a
 * provider took or refused are not sent again by the next), what each provider answered for each
 * recipient, the attempts made, the providers passed by at their rate limit, and whether the
 * message is still on its planned route.
 */
final class Progress {
    private final String messageId;
    private final int recipients;
    private final Set<Address> answered = new HashSet<>();
    private final List<RecipientOutcome> outcomes = new ArrayList<>();
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
        switch (attempt.outcome()) {
            case SendOutcome.Accepted a -> answer(attempt.provider(), part, a.refused(), a.providerMessageId());
            case SendOutcome.RecipientsRefused r -> answer(attempt.provider(), part, r.refused(), null);
            default -> {
                return; // the provider answered for the message as a whole: its recipients are still to reach
            }
        }
        remaining = Recipients.without(remaining, answered);
    }

    /**
     * Each recipient of {@code part} is refused as {@code refused} says, or else taken — unless
     * {@code providerMessageId} is null (the provider took nobody): then a recipient it did not
     * name is still to reach.
     */
    private void answer(String provider, Email part, List<RefusedRecipient> refused, String providerMessageId) {
        Map<String, RefusedRecipient> byAddress =
                refused.stream().collect(Collectors.toMap(r -> key(r.address()), Function.identity(), (a, b) -> a));
        for (Address recipient : part.allRecipients()) {
            RefusedRecipient refusal = byAddress.get(key(recipient.email()));
            if (refusal == null && providerMessageId == null) {
                continue;
            }
            outcomes.add(
                    refusal == null
                            ? new RecipientOutcome(recipient.email(), Verdict.ACCEPTED, provider, providerMessageId, "")
                            : new RecipientOutcome(
                                    recipient.email(),
                                    refusal.permanent() ? Verdict.REFUSED : Verdict.REFUSED_TEMPORARILY,
                                    provider,
                                    "",
                                    refusal.reply()));
            answered.add(recipient);
        }
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    /** A provider answered for every recipient: each was taken or refused. */
    boolean done() {
        return remaining == null;
    }

    /**
     * Once {@link #done}: deferred while a recipient was refused only for now, delivered when one
     * was taken, rejected when every one was refused for good.
     */
    Status status() {
        if (count(Verdict.REFUSED_TEMPORARILY) > 0) {
            return Status.DEFERRED;
        }
        return count(Verdict.ACCEPTED) > 0 ? Status.DELIVERED : Status.REJECTED;
    }

    List<RecipientOutcome> outcomes() {
        return outcomes;
    }

    private long count(Verdict verdict) {
        return outcomes.stream().filter(o -> o.verdict() == verdict).count();
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
        long accepted = count(Verdict.ACCEPTED);
        return accepted == 0 || accepted == recipients ? "" : accepted + " of " + recipients + " recipients accepted; ";
    }
}

package dev.postern.outbox.internal;

import dev.postern.RecipientOutcome;
import dev.postern.SendResult;
import dev.postern.email.Address;
import dev.postern.email.Email;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.RecipientView.Status;
import dev.postern.outbox.store.Suppression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each recipient's standing across the rounds of one message. A round sends only to the
 * recipients still pending, so a recipient a provider took is never sent to again, and one it
 * refused only for now (greylisting, a busy mailbox) is tried again later on its own.
 */
final class Ledger {
    private final Map<String, RecipientView> byAddress = new LinkedHashMap<>();

    /** The standing stored after earlier rounds, every other recipient of {@code email} pending. */
    Ledger(Email email, List<RecipientView> stored) {
        for (Address recipient : email.allRecipients()) {
            byAddress.putIfAbsent(key(recipient.email()), RecipientView.pending(recipient.email()));
        }
        for (RecipientView view : stored) {
            byAddress.computeIfPresent(key(view.address()), (k, v) -> view);
        }
    }

    /**
     * {@code email} addressed only to its pending recipients, each once, or empty when none is
     * pending. Email lets one mailbox in twice in different case ({@code ada@} in to, {@code ADA@}
     * in cc); the ledger holds one standing for both, so only the first (to, then cc, then bcc) is
     * sent to.
     */
    Optional<Email> pending(Email email) {
        Set<String> sent = new HashSet<>();
        return email.onlyTo(a -> byAddress.get(key(a.email())).status() == Status.PENDING && sent.add(key(a.email())));
    }

    /** The addresses of the recipients still pending, for the suppression list's lookup. */
    List<String> pendingAddresses() {
        return byAddress.values().stream()
                .filter(v -> v.status() == Status.PENDING)
                .map(RecipientView::address)
                .toList();
    }

    /**
     * Marks each pending recipient listed in {@code suppressed} (keyed by lower-cased address) as
     * {@link Status#SUPPRESSED}, so that no attempt of this round or a later one includes it.
     */
    void suppress(Map<String, Suppression> suppressed) {
        byAddress.replaceAll((k, v) -> v.status() == Status.PENDING && suppressed.containsKey(k)
                ? new RecipientView(
                        v.address(),
                        Status.SUPPRESSED,
                        Optional.empty(),
                        Optional.empty(),
                        suppressed.get(k).describe())
                : v);
    }

    /** Whether every recipient is suppressed: the message fails with reason {@code suppressed}. */
    boolean allSuppressed() {
        return byAddress.values().stream().allMatch(v -> v.status() == Status.SUPPRESSED);
    }

    /** Takes in what a round did: each answered recipient, and a whole-message rejection. */
    void record(SendResult result) {
        for (RecipientOutcome outcome : result.recipients()) {
            byAddress.computeIfPresent(key(outcome.address()), (k, was) -> switch (outcome.verdict()) {
                case ACCEPTED ->
                    new RecipientView(
                            was.address(),
                            Status.DELIVERED,
                            Optional.of(outcome.provider()),
                            Optional.of(outcome.providerMessageId()),
                            "");
                case REFUSED -> answered(was, Status.FAILED, outcome);
                case REFUSED_TEMPORARILY -> answered(was, Status.PENDING, outcome);
            });
        }
        // A rejection of the message as a whole ends every recipient still waiting for it. (A
        // delivered result has answered for each recipient, a deferred one left the rest pending.)
        if (result.status() == SendResult.Status.REJECTED) {
            failPending(result.detail());
        }
    }

    /** Ends every pending recipient: the message is past {@code max_age}. */
    void failPending(String why) {
        byAddress.replaceAll((k, v) -> v.status() == Status.PENDING
                ? new RecipientView(v.address(), Status.FAILED, v.provider(), Optional.empty(), why)
                : v);
    }

    boolean anyPending() {
        return byAddress.values().stream().anyMatch(v -> v.status() == Status.PENDING);
    }

    /** The last recipient a provider took, whose provider and id the delivered message shows. */
    Optional<RecipientView> lastDelivered() {
        return byAddress.values().stream()
                .filter(v -> v.status() == Status.DELIVERED)
                .reduce((first, second) -> second);
    }

    List<RecipientView> views() {
        return new ArrayList<>(byAddress.values());
    }

    private static RecipientView answered(RecipientView was, Status status, RecipientOutcome outcome) {
        return new RecipientView(
                was.address(), status, Optional.of(outcome.provider()), Optional.empty(), outcome.detail());
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}

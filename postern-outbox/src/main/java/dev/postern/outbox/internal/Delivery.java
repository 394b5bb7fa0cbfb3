package dev.postern.outbox.internal;

import dev.postern.Postern;
import dev.postern.SendResult;
import dev.postern.email.Email;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.store.AttemptView;
import dev.postern.outbox.store.Claimed;
import dev.postern.outbox.store.EmailJson;
import dev.postern.outbox.store.RecipientView;
import dev.postern.outbox.store.Settlement;
import dev.postern.outbox.store.Store;
import dev.postern.outbox.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of one claimed message: send it to its pending recipients through routing, then
 * settle it in the store — delivered once no recipient is pending and a provider took one; failed
 * at once when rejected or every recipient was refused for good; deferred with backoff while a
 * recipient is pending, until {@code max_age}, then failed for the recipients still pending. Whatever goes wrong, the message is never lost: if settling fails it keeps its lease and
 * is claimed again when the lease expires.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /** The detail and reason of a message failed because every recipient is suppressed. */
    static final String SUPPRESSED = "suppressed";

    private final Store store;
    private final Postern postern;
    private final OutboxConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final String owner;
    private final AtomicLong recoveries;
    private final Tally tally;
    private final Runnable dueAgain;

    /** @param dueAgain called when a round leaves its message due at once (retried after a recovery) */
    Delivery(
            Store store,
            Postern postern,
            OutboxConfig config,
            Clock clock,
            RandomGenerator random,
            String owner,
            AtomicLong recoveries,
            Tally tally,
            Runnable dueAgain) {
        this.store = store;
        this.postern = postern;
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.owner = owner;
        this.recoveries = recoveries;
        this.tally = tally;
        this.dueAgain = dueAgain;
    }

    void deliver(Claimed message) {
        Email email;
        try {
            email = EmailJson.read(message.email());
        } catch (RuntimeException e) {
            // A payload that no longer parses can never be sent; retrying would loop forever.
            fail(message, List.of(), "stored message cannot be read: " + e.getMessage());
            return;
        }
        Ledger ledger = new Ledger(email, message.recipients());
        long generation = recoveries.get();
        try {
            // Looked up at every round: an address suppressed since the last one is not sent to.
            ledger.suppress(store.suppressions().matching(ledger.pendingAddresses()));
        } catch (StoreException e) {
            // Sending without the list could mail an address that complained; wait for the store.
            LOG.warn("could not read the suppression list for {}; deferring it", message.id(), e);
            defer(message, List.of(), ledger, "suppression list unavailable: " + e.getMessage(), generation);
            return;
        }
        Optional<Email> pending = ledger.pending(email);
        if (pending.isEmpty()) {
            // Every recipient is suppressed, or was settled by a round whose settlement could not be stored.
            String why = ledger.allSuppressed() ? SUPPRESSED : "every recipient was answered in an earlier round";
            conclude(message, List.of(), ledger, why, false);
            return;
        }
        SendResult result;
        try {
            result = postern.send(pending.get(), message.id());
        } catch (RuntimeException e) {
            LOG.error("sending {} threw; deferring it", message.id(), e);
            defer(message, List.of(), ledger, "dispatch failed: " + e, generation);
            return;
        }
        List<AttemptView> attempts = Attempts.of(result.attempts());
        ledger.record(result);
        if (ledger.anyPending()) {
            defer(message, attempts, ledger, result.detail(), generation);
        } else {
            // Core already published message_failed for a rejection.
            conclude(message, attempts, ledger, result.detail(), result.status() == SendResult.Status.REJECTED);
        }
    }

    /**
     * Settles a message none of whose recipients is pending: delivered when a provider took one of
     * them, else failed.
     */
    private void conclude(
            Claimed message, List<AttemptView> attempts, Ledger ledger, String detail, boolean failureAnnounced) {
        Instant now = clock.instant();
        Optional<RecipientView> delivered = ledger.lastDelivered();
        if (delivered.isPresent()) {
            RecipientView last = delivered.get();
            settle(
                    message,
                    attempts,
                    new Settlement.Delivered(
                            now,
                            last.provider().orElse(""),
                            last.providerMessageId().orElse(""),
                            detail,
                            ledger.views()));
        } else if (failureAnnounced) {
            settle(message, attempts, new Settlement.Failed(now, detail, ledger.views()));
        } else {
            fail(message, attempts, detail, ledger.views());
        }
    }

    private void defer(Claimed message, List<AttemptView> attempts, Ledger ledger, String detail, long generation) {
        Settlement next = deferral(message, detail, generation, ledger);
        if (next instanceof Settlement.Failed failed) {
            ledger.failPending(failed.detail());
            conclude(message, attempts, ledger, failed.detail(), false);
        } else {
            boolean settled = settle(message, attempts, next);
            if (settled && next instanceof Settlement.Deferred d && !d.dueAt().isAfter(clock.instant())) {
                dueAgain.run(); // the dispatcher looks for claims only when told something is due
            }
            if (recoveries.get() != generation) {
                // A recovery during this round may have moved deferred mail forward before this
                // deferral was stored; move it again so this message is not left to its backoff.
                try {
                    store.makeDeferredDue(clock.instant());
                } catch (StoreException e) {
                    LOG.warn("could not make deferred mail due after a recovery; it waits out its backoff", e);
                }
            }
        }
    }

    /** Deferred until the next retry, or failed when {@code max_age} has passed. */
    private Settlement deferral(Claimed message, String detail, long generation, Ledger ledger) {
        Instant now = clock.instant();
        Instant deadline = message.createdAt().plus(config.maxAge());
        if (!now.isBefore(deadline)) {
            return new Settlement.Failed(now, "not delivered within max_age " + config.maxAge() + ": " + detail);
        }
        // A provider recovered while this round ran: its answer is stale, so try again now.
        Duration wait = recoveries.get() != generation
                ? Duration.ZERO
                : config.retry().delay(message.round(), random.nextDouble());
        Instant due = now.plus(wait);
        // The last round runs at max_age itself, so a message is never failed before its time is up.
        return new Settlement.Deferred(due.isAfter(deadline) ? deadline : due, detail, ledger.views());
    }

    private void fail(Claimed message, List<AttemptView> attempts, String reason) {
        fail(message, attempts, reason, List.of());
    }

    private void fail(Claimed message, List<AttemptView> attempts, String reason, List<RecipientView> recipients) {
        if (settle(message, attempts, new Settlement.Failed(clock.instant(), reason, recipients))) {
            postern.publish(new PosternEvent.MessageFailed(clock.instant(), message.id(), reason));
        }
    }

    private boolean settle(Claimed message, List<AttemptView> attempts, Settlement settlement) {
        try {
            boolean settled = store.settle(message.id(), owner, message.round(), attempts, settlement);
            if (settled) {
                tally.settled(settlement);
                // Attempts abandoned at suspicion (on_ambiguous: failover) and sent on.
                tally.possibleDuplicates(
                        attempts.stream().filter(AttemptView::possibleDuplicate).count());
            } else {
                // Fenced off: the message was claimed again while this round ran (this instance was
                // paused, cut off or thought dead). Its sends happened and are recorded as such.
                long duplicates =
                        attempts.stream().filter(AttemptView::mayHaveHandedOver).count();
                tally.possibleDuplicates(duplicates);
                LOG.warn(
                        "round {} of {} lost its claim before it finished; another round owns the message"
                                + " ({} attempts recorded as possible duplicates)",
                        message.round(),
                        message.id(),
                        duplicates);
            }
            return settled;
        } catch (StoreException e) {
            LOG.error("could not record the round of {}; it is sent again when its lease expires", message.id(), e);
            return false;
        }
    }
}

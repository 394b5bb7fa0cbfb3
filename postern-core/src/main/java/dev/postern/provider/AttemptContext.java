package dev.postern.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider needs to know about one attempt besides the message itself, and the channel
 * through which the adapter tells Postern how far the attempt has got.
 *
 * <p>Progress and cancellation (docs/routing.md, suspect providers): an adapter that can stop its I/O
 * registers a hook with {@link #onCancel}, reports {@link #phase} as it goes, and calls {@link
 * #handedOver} just before the provider could first have the whole message (before the SMTP final
 * dot; before an HTTP body is given to the client). When the provider turns suspect, Postern
 * cancels attempts that are not handed over: it runs their hooks, the adapter's I/O fails, and the
 * message goes to the next provider. Cancelling and handing over exclude each other: once {@link
 * #handedOver} returned true the attempt is never cancelled, and once it was cancelled {@link
 * #handedOver} returns false and the adapter must not send the rest. An adapter that registers no
 * hook is never cancelled, so adapters that report nothing count as handed over from the start.
 *
 * <p>Abandoning (under {@code on_ambiguous: failover}): when the provider turns suspect, Postern
 * also stops waiting for attempts already handed over, through the same hooks ({@link #abandon}).
 * The provider may have the message, so the attempt is ambiguous whatever the adapter returns
 * after that (unless the provider accepted it after all), and its message goes to the next provider
 * as a possible duplicate.
 *
 * <p>The values ({@link #messageId} … {@link #parts}) make equality; the progress does not.
 * Thread-safe: Postern cancels from another thread than the one sending.
 */
public final class AttemptContext {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptContext.class);

    private final String messageId;
    private final int attempt;
    private final boolean primaryRoute;
    private final int part;
    private final int parts;

    private final List<Runnable> cancelHooks = new ArrayList<>();
    private AttemptPhase phase = AttemptPhase.CONNECTING;
    private boolean cancelled;
    private boolean abandoned;

    /**
     * @param messageId Postern's id of the message; the same for every attempt and every part of
     *     one message, so adapters use it as correlation id ({@code X-Postern-Id})
     * @param attempt 1 for the first attempt of this message, 2 for the next, …
     * @param primaryRoute true when the provider is the message's planned route, false on a failover
     * @param part which part this is, from 1, when the message's recipients are split into several
     *     sends because the provider takes fewer recipients per message
     * @param parts how many parts the message was split into for this provider (1 when not split)
     */
    public AttemptContext(String messageId, int attempt, boolean primaryRoute, int part, int parts) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, but was " + attempt);
        }
        if (parts < 1 || part < 1 || part > parts) {
            throw new IllegalArgumentException("part must be in 1.." + parts + " (parts >= 1), but was " + part);
        }
        this.attempt = attempt;
        this.primaryRoute = primaryRoute;
        this.part = part;
        this.parts = parts;
    }

    /** A message sent whole. */
    public AttemptContext(String messageId, int attempt, boolean primaryRoute) {
        this(messageId, attempt, primaryRoute, 1, 1);
    }

    public String messageId() {
        return messageId;
    }

    public int attempt() {
        return attempt;
    }

    public boolean primaryRoute() {
        return primaryRoute;
    }

    public int part() {
        return part;
    }

    public int parts() {
        return parts;
    }

    /**
     * The key for providers that deduplicate requests ({@code Idempotency-Key}): the message id, or
     * {@code <messageId>.p<part>of<parts>} for a part, so that parts are not taken for retries of
     * each other while a retry of one part still is.
     */
    public String idempotencyKey() {
        return parts == 1 ? messageId : messageId + ".p" + part + "of" + parts;
    }

    // ---- progress, reported by the adapter ----

    /**
     * Reports the phase the attempt has reached. Phases only move forward; reporting {@link
     * AttemptPhase#AWAITING_ANSWER} is {@link #handedOver}.
     */
    public void phase(AttemptPhase reached) {
        Objects.requireNonNull(reached, "phase");
        if (reached == AttemptPhase.AWAITING_ANSWER) {
            handedOver();
            return;
        }
        synchronized (this) {
            if (reached.compareTo(phase) > 0 && phase != AttemptPhase.AWAITING_ANSWER) {
                phase = reached;
            }
        }
    }

    /**
     * Marks the message handed over, just before the provider could first have all of it. Returns
     * false if the attempt was cancelled: the adapter must then not send the rest.
     */
    public synchronized boolean handedOver() {
        if (cancelled) {
            return false;
        }
        phase = AttemptPhase.AWAITING_ANSWER;
        return true;
    }

    /**
     * Registers what stops this attempt's I/O (close the socket, cancel the request). It runs at
     * most once, on Postern's thread, and must not block; if the attempt is already cancelled it
     * runs at once.
     */
    public void onCancel(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        synchronized (this) {
            if (!cancelled && !abandoned) {
                cancelHooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    public synchronized AttemptPhase phase() {
        return phase;
    }

    /** True once Postern cancelled the attempt; the adapter's outcome is then replaced by Postern's. */
    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** True while the attempt may still be cancelled: a hook is registered and it is not handed over. */
    public synchronized boolean cancellable() {
        return !cancelled && !cancelHooks.isEmpty() && phase != AttemptPhase.AWAITING_ANSWER;
    }

    /**
     * Called by Postern, not adapters: cancels the attempt if it is {@link #cancellable}, running
     * its hooks. Returns whether it did. The hooks run under this context's lock, so an adapter's
     * {@link #handedOver} waits until the I/O is stopped.
     */
    public synchronized boolean cancel() {
        if (!cancellable()) {
            return false;
        }
        cancelled = true;
        stop();
        return true;
    }

    /** True once Postern stopped waiting for this handed-over attempt's answer ({@link #abandon}). */
    public synchronized boolean abandoned() {
        return abandoned;
    }

    /**
     * Called by Postern, not adapters: stops waiting for the answer of an attempt already handed
     * over, running its hooks (the adapter's I/O then fails as if the connection were lost).
     * Returns whether it did: false when the attempt is not handed over, was cancelled or
     * abandoned already, or registered no hook (then nothing could stop its I/O).
     */
    public synchronized boolean abandon() {
        if (cancelled || abandoned || cancelHooks.isEmpty() || phase != AttemptPhase.AWAITING_ANSWER) {
            return false;
        }
        abandoned = true;
        stop();
        return true;
    }

    /** Runs the hooks, once each. */
    private void stop() {
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                // A hook that fails must not keep the others from stopping the I/O.
                LOG.warn("a cancel hook of attempt {} of {} failed", attempt, messageId, e);
            }
        }
        cancelHooks.clear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttemptContext other
                && messageId.equals(other.messageId)
                && attempt == other.attempt
                && primaryRoute == other.primaryRoute
                && part == other.part
                && parts == other.parts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, attempt, primaryRoute, part, parts);
    }

    @Override
    public String toString() {
        return "AttemptContext[messageId=" + messageId + ", attempt=" + attempt + ", primaryRoute=" + primaryRoute
                + ", part=" + part + ", parts=" + parts + "]";
    }
}

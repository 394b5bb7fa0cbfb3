package dev.postern.testing;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.AttemptPhase;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider whose sends block until the test answers them or Postern cancels (or abandons) them, reporting
 * progress as a real adapter does: it registers a cancel hook, and reaches {@code handOverAt}
 * before blocking. Health probes answer {@link #health}.
 */
public final class HangingProvider implements Provider {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final AttemptPhase blockIn;
    private final Semaphore entered = new Semaphore(0);
    private final List<AttemptContext> contexts = new CopyOnWriteArrayList<>();
    private final List<CountDownLatch> waiting = new CopyOnWriteArrayList<>();
    private volatile SendOutcome answerWith;
    private final AtomicReference<HealthResult> health = new AtomicReference<>(HealthResult.up());

    /** Sends block in {@code blockIn}: before hand-off (cancellable) or {@code AWAITING_ANSWER}. */
    public HangingProvider(AttemptPhase blockIn) {
        this.blockIn = blockIn;
    }

    @Override
    public String type() {
        return "hanging";
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        contexts.add(context);
        if (answerWith != null) {
            return answerWith;
        }
        CountDownLatch wake = new CountDownLatch(1);
        waiting.add(wake);
        context.onCancel(wake::countDown);
        context.phase(AttemptPhase.CONNECTING);
        if (blockIn == AttemptPhase.AWAITING_ANSWER && !context.handedOver()) {
            return new SendOutcome.Unavailable("cancelled before hand-off");
        } else {
            context.phase(blockIn);
        }
        entered.release();
        try {
            if (answerWith == null && !wake.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                return new SendOutcome.Ambiguous("test bound reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (context.cancelled() || context.abandoned()) {
            return new SendOutcome.Ambiguous("connection closed"); // what a closed socket looks like
        }
        return answerWith;
    }

    /** Waits (bounded) until {@code n} sends are blocked in this provider. */
    public void awaitBlocked(int n) throws InterruptedException {
        if (!entered.tryAcquire(n, BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("expected " + n + " sends to block in the provider");
        }
    }

    /** Answers every blocked send (and later ones do not block) with {@code outcome}. */
    public void answer(SendOutcome outcome) {
        answerWith = outcome;
        waiting.forEach(CountDownLatch::countDown);
    }

    /** Later sends block again, after {@link #answer} let them through. */
    public void hang() {
        answerWith = null;
    }

    public void health(HealthResult result) {
        health.set(result);
    }

    @Override
    public HealthResult checkHealth() {
        return health.get();
    }

    public List<AttemptContext> contexts() {
        return List.copyOf(contexts);
    }
}

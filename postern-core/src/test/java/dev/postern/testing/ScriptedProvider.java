package dev.postern.testing;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.RateLimitStatus;
import dev.postern.provider.SendOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider whose answers a test scripts: queued outcomes first, then a standing answer (accept
 * by default). It counts every call, so tests can prove what was and was not called.
 */
public final class ScriptedProvider implements Provider {
    private final String type;
    private final Deque<SendOutcome> queued = new ArrayDeque<>();
    private final Deque<HealthResult> queuedHealth = new ArrayDeque<>();
    private final List<AttemptContext> contexts = new ArrayList<>();
    private final List<Email> emails = new ArrayList<>();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private Supplier<SendOutcome> standing;
    private Supplier<HealthResult> standingHealth = HealthResult::up;
    private Runnable duringSend = () -> {};
    private Capabilities capabilities = Capabilities.FULL;
    private volatile RateLimitStatus rateLimit = RateLimitStatus.UNKNOWN;

    public ScriptedProvider(String type) {
        this.type = type;
        AtomicInteger ids = new AtomicInteger();
        this.standing = () -> new SendOutcome.Accepted(type + "-" + ids.incrementAndGet());
    }

    public static ScriptedProvider accepting(String type) {
        return new ScriptedProvider(type);
    }

    /** Answers every send with {@code outcome} (after any queued ones). */
    public synchronized ScriptedProvider always(SendOutcome outcome) {
        standing = () -> outcome;
        return this;
    }

    /** Answers the next sends with {@code outcomes}, in order. */
    public synchronized ScriptedProvider then(SendOutcome... outcomes) {
        queued.addAll(List.of(outcomes));
        return this;
    }

    /** Answers every health probe with {@code result} (after any queued ones). */
    public synchronized ScriptedProvider healthAlways(HealthResult result) {
        return healthFrom(() -> result);
    }

    /** Answers every health probe from {@code probe}, which may also throw (after any queued ones). */
    public synchronized ScriptedProvider healthFrom(Supplier<HealthResult> probe) {
        standingHealth = probe;
        return this;
    }

    public synchronized ScriptedProvider healthThen(HealthResult... results) {
        queuedHealth.addAll(List.of(results));
        return this;
    }

    /** Runs {@code action} inside each send, e.g. to move a fake clock as a slow provider would. */
    public synchronized ScriptedProvider during(Runnable action) {
        duringSend = action;
        return this;
    }

    /** Declares {@code capabilities} instead of {@link Capabilities#FULL}. */
    public synchronized ScriptedProvider capabilities(Capabilities capabilities) {
        this.capabilities = capabilities;
        return this;
    }

    /** Reports {@code status} from {@link #rateLimit()} from now on, as an adapter would after an answer. */
    public ScriptedProvider reports(RateLimitStatus status) {
        this.rateLimit = status;
        return this;
    }

    @Override
    public RateLimitStatus rateLimit() {
        return rateLimit;
    }

    @Override
    public synchronized Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        Runnable action;
        SendOutcome outcome;
        synchronized (this) {
            contexts.add(context);
            emails.add(email);
            action = duringSend;
            outcome = queued.isEmpty() ? standing.get() : queued.poll();
        }
        action.run();
        return outcome;
    }

    @Override
    public synchronized HealthResult checkHealth() {
        healthChecks.incrementAndGet();
        return queuedHealth.isEmpty() ? standingHealth.get() : queuedHealth.poll();
    }

    public synchronized int sends() {
        return contexts.size();
    }

    public synchronized List<AttemptContext> contexts() {
        return List.copyOf(contexts);
    }

    /** Every message this provider was handed, as handed (after Postern adapted it). */
    public synchronized List<Email> emails() {
        return List.copyOf(emails);
    }

    public int healthChecks() {
        return healthChecks.get();
    }
}

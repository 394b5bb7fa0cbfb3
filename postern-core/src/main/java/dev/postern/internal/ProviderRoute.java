package dev.postern.internal;

import dev.postern.ProviderConfig;
import dev.postern.ProviderStatus;
import dev.postern.breaker.BreakerState;
import dev.postern.breaker.internal.ProviderBreaker;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.health.internal.HealthTracker;
import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.ratelimit.SharedBudget;
import dev.postern.ratelimit.internal.ProviderRateLimiter;
import dev.postern.routing.ProviderState;
import dev.postern.routing.internal.Candidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything Postern keeps about one provider: the adapter, its config, its breaker and health,
 * and the operator's and the provider's own say (drained, drill, cooling). Computes the provider's
 * {@link ProviderState} and applies each attempt's outcome to that state.
 */
public final class ProviderRoute implements Candidate {
    private final String name;
    private final Provider provider;
    private final ProviderConfig config;
    private final ProviderBreaker breaker;
    private final HealthTracker health;
    private final ProviderRateLimiter limiter;
    private final Duration defaultCooling;
    private final Clock clock;
    private final EventListener events;

    private volatile boolean drained;
    private volatile boolean drill;
    private volatile Instant coolingUntil = Instant.MIN;

    public ProviderRoute(
            String name,
            Provider provider,
            ProviderConfig config,
            Duration defaultCooling,
            Clock clock,
            EventListener events,
            SharedBudget sharedBudget) {
        this.name = name;
        this.provider = provider;
        this.config = config;
        this.defaultCooling = defaultCooling;
        this.clock = clock;
        this.events = events;
        this.breaker = new ProviderBreaker(name, config.breaker(), clock, events);
        this.health = new HealthTracker(name, config.healthCheck(), clock, events);
        this.limiter = ProviderRateLimiter.of(config.rateLimit(), clock, name, sharedBudget);
    }

    public ProviderState state() {
        if (drained) {
            return ProviderState.DRAINED;
        }
        if (drill) {
            return ProviderState.DRILL;
        }
        if (!health.healthy()) {
            return ProviderState.UNHEALTHY;
        }
        if (breaker.state() == BreakerState.OPEN || breaker.state() == BreakerState.FORCED_OPEN) {
            return ProviderState.OPEN;
        }
        if (clock.instant().isBefore(coolingUntil)) {
            return ProviderState.COOLING;
        }
        return ProviderState.AVAILABLE;
    }

    /**
     * True when routing may try this provider now. An open breaker whose open duration has passed
     * counts: asking it for a permit is what moves it to half-open.
     */
    public boolean routable() {
        ProviderState state = state();
        return state == ProviderState.AVAILABLE
                || (state == ProviderState.OPEN && breaker.state() == BreakerState.OPEN);
    }

    /**
     * Takes {@code tokens} from the provider's rate limits, all or none: false means the provider
     * is at its limit and the message should pass it by, without an attempt and without a charge.
     */
    public boolean tryTakeTokens(int tokens) {
        return limiter.tryTake(tokens);
    }

    /** Returns tokens taken for attempts that were not made. */
    public void returnTokens(int tokens) {
        limiter.giveBack(tokens);
    }

    /** See {@link ProviderBreaker#tryAcquire()}: a true answer must be followed by {@link #record}. */
    public boolean tryAcquire() {
        return breaker.tryAcquire();
    }

    /** Applies an attempt's outcome: the breaker learns of it, and the provider may leave rotation. */
    public void record(SendOutcome outcome, Duration latency) {
        breaker.record(outcome, latency);
        switch (outcome) {
            case SendOutcome.RateLimited limited -> coolDown(limited);
            case SendOutcome.Misconfigured misconfigured -> health.markMisconfigured(misconfigured.reason());
            case SendOutcome.Accepted a -> {}
            case SendOutcome.Rejected r -> {}
            case SendOutcome.Unavailable u -> {}
            case SendOutcome.Ambiguous a -> {}
        }
    }

    private void coolDown(SendOutcome.RateLimited limited) {
        Duration wait = limited.retryAfterIfStated().orElse(defaultCooling);
        Instant until = clock.instant().plus(wait);
        coolingUntil = until;
        events.on(new PosternEvent.RateLimited(clock.instant(), name, until, limited.reason()));
    }

    public void drain(boolean drained) {
        this.drained = drained;
    }

    public void drill(boolean inDrill) {
        this.drill = inDrill;
        if (inDrill) {
            breaker.forceOpen();
        } else {
            breaker.release();
        }
    }

    public ProviderStatus status() {
        Instant until = coolingUntil;
        return new ProviderStatus(
                name,
                provider.type(),
                state(),
                breaker.state(),
                config.priority(),
                config.weight(),
                clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty(),
                health.lastCheck());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return config.priority();
    }

    @Override
    public int weight() {
        return config.weight();
    }

    public Capabilities capabilities() {
        return provider.capabilities();
    }

    /** The configured limits, as shown in messages. */
    public String rateLimit() {
        return config.rateLimit().toString();
    }

    public Provider provider() {
        return provider;
    }

    public HealthTracker health() {
        return health;
    }
}

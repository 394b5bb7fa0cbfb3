package dev.postern.breaker.internal;

import dev.postern.breaker.BreakerConfig;
import dev.postern.breaker.BreakerState;
import dev.postern.provider.SendOutcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One provider's Resilience4j circuit breaker, fed with send outcomes. Which outcomes count as a
 * failure is decided here, in one switch, and nowhere else. It announces nothing itself: it tells
 * its owner of each time it opened or closed ({@link Moved}), and the owner publishes.
 */
public final class ProviderBreaker {
    private final CircuitBreaker breaker;
    /** When the breaker last opened plus its open duration: when it lets a trial call through. */
    private volatile Instant trialsFrom = Instant.MIN;

    /**
     * The breaker opened ({@code to} {@link BreakerState#OPEN}, with the rates that opened it) or
     * closed; moves to half-open and forced moves (drills) are not told.
     */
    public record Moved(BreakerState to, float failureRate, float slowCallRate) {}

    public ProviderBreaker(String provider, BreakerConfig config, Clock clock, Consumer<Moved> moved) {
        this.breaker = CircuitBreaker.of(provider, toResilience4j(config, clock));
        breaker.getEventPublisher().onStateTransition(transition -> {
            var to = transition.getStateTransition().getToState();
            var metrics = breaker.getMetrics();
            if (to == CircuitBreaker.State.OPEN) {
                // Resilience4j waits its open duration from this moment, on this clock.
                trialsFrom = clock.instant().plus(config.openDuration());
                moved.accept(new Moved(BreakerState.OPEN, metrics.getFailureRate(), metrics.getSlowCallRate()));
            } else if (to == CircuitBreaker.State.CLOSED) {
                moved.accept(new Moved(BreakerState.CLOSED, metrics.getFailureRate(), metrics.getSlowCallRate()));
            }
        });
    }

    /**
     * Asks for permission to make one attempt. A true answer must be followed by exactly one call
     * to {@link #record}, or half-open trial permits leak.
     */
    public boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    /** Records the outcome of an attempt that {@link #tryAcquire} permitted. */
    public void record(SendOutcome outcome, Duration latency) {
        long nanos = latency.toNanos();
        switch (outcome) {
            case SendOutcome.Accepted a -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            case SendOutcome.Unavailable u -> breaker.onError(nanos, TimeUnit.NANOSECONDS, new Failure(u));
            case SendOutcome.Ambiguous a -> breaker.onError(nanos, TimeUnit.NANOSECONDS, new Failure(a));
            // The provider answered properly; the message, its recipients, the rate or our
            // credentials were the problem.
            case SendOutcome.Rejected r -> breaker.releasePermission();
            case SendOutcome.RecipientsRefused r -> breaker.releasePermission();
            case SendOutcome.RateLimited r -> breaker.releasePermission();
            case SendOutcome.Misconfigured m -> breaker.releasePermission();
        }
    }

    /**
     * Gives back a permit without a verdict: for an attempt Postern cancelled itself (a suspect
     * provider), which says nothing the breaker should count.
     */
    public void releasePermission() {
        breaker.releasePermission();
    }

    /**
     * A health probe passed while the breaker is open: the provider answers again, so its trial
     * calls may start now instead of after the open duration — deferred mail then flows within
     * a probe of recovery. Trials that fail open it again for a full open duration. Returns whether
     * the breaker moved; a forced-open breaker (a drill) never does.
     */
    public boolean halfOpenAfterPassingProbe() {
        if (breaker.getState() != CircuitBreaker.State.OPEN) {
            return false;
        }
        try {
            breaker.transitionToHalfOpenState();
            return true;
        } catch (IllegalStateTransitionException e) {
            return false; // it moved on its own meanwhile
        }
    }

    /** Holds the breaker open until {@link #release} (a drill). */
    public void forceOpen() {
        breaker.transitionToForcedOpenState();
    }

    /** Ends {@link #forceOpen}: the breaker starts closed with a fresh window. */
    public void release() {
        if (breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
            breaker.transitionToClosedState();
        }
    }

    /**
     * When an open breaker lets its first trial call through (asking for a permit then moves it to
     * half-open); in the past while it is not open. A forced-open breaker has no such time.
     */
    public Instant trialsFrom() {
        return trialsFrom;
    }

    public BreakerState state() {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case FORCED_OPEN -> BreakerState.FORCED_OPEN;
        };
    }

    private static CircuitBreakerConfig toResilience4j(BreakerConfig config, Clock clock) {
        return CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindow(config.window(), config.minimumCalls(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(config.failureRateThreshold())
                .slowCallDurationThreshold(config.slowCallDuration())
                .slowCallRateThreshold(config.slowCallRateThreshold())
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .build();
    }

    /** What the breaker is told failed; carries no stack, since nothing was thrown. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(SendOutcome outcome) {
            super(outcome.detail(), null, false, false);
        }
    }
}

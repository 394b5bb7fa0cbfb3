package dev.postern.internal;

import dev.postern.ProviderConfig;
import dev.postern.ProviderStatus;
import dev.postern.breaker.BreakerState;
import dev.postern.breaker.internal.ProviderBreaker;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.health.internal.HealthTracker;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.UploadTime;
import dev.postern.ratelimit.SharedBudget;
import dev.postern.ratelimit.internal.ProviderBudget;
import dev.postern.ratelimit.internal.ProviderRateLimiter;
import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.ProviderState;
import dev.postern.routing.internal.Candidate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Postern keeps about one provider: the adapter, its config, its breaker and health,
 * and the operator's and the provider's own say (drained, drill, cooling). Computes the provider's
 * {@link ProviderState} and applies each attempt's outcome and each health probe to that state.
 *
 * <p>Every change of the provider's state is published from one place, {@link #transition}: the
 * breaker's moves, health, suspicion, cooling and misconfiguration alike.
 */
public final class ProviderRoute implements Candidate {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRoute.class);

    private final String name;
    private final Provider provider;
    private final ProviderConfig config;
    private final ProviderBreaker breaker;
    private final HealthTracker health;
    private final ProviderRateLimiter limiter;
    private final ProviderBudget budget;
    private final InFlight inFlight;
    private final Duration defaultCooling;
    private final Clock clock;
    private final EventListener events;

    private volatile boolean drained;
    private volatile boolean drill;
    private volatile Instant coolingUntil = Instant.MIN;
    private final AtomicBoolean clampAnnounced = new AtomicBoolean();

    public ProviderRoute(
            String name,
            Provider provider,
            ProviderConfig config,
            Duration defaultCooling,
            Clock clock,
            EventListener events,
            SharedBudget sharedBudget,
            OnAmbiguous onAmbiguous) {
        this.name = name;
        this.provider = provider;
        this.config = config;
        this.defaultCooling = defaultCooling;
        this.clock = clock;
        this.events = events;
        this.breaker = new ProviderBreaker(name, config.breaker(), clock, this::breakerMoved);
        this.health = new HealthTracker(config.healthCheck(), clock);
        this.limiter = ProviderRateLimiter.of(config.rateLimit(), clock, name, sharedBudget);
        this.budget = new ProviderBudget(name, provider, config.rateLimit(), clock);
        // At least once: a suspect provider's attempts past hand-off are not waited on either.
        this.inFlight = new InFlight(
                config.suspectAfter(), config.adaptiveSuspicion(), onAmbiguous == OnAmbiguous.FAILOVER, clock);
    }

    /** The names of {@code routes} routing may use now: an incident settles only while its provider is one. */
    public static Set<String> inRotation(Collection<ProviderRoute> routes) {
        return routes.stream()
                .filter(r -> r.state() == ProviderState.AVAILABLE)
                .map(ProviderRoute::name)
                .collect(Collectors.toSet());
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
        if (inFlight.suspect()) {
            return ProviderState.SUSPECT;
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
                || (state == ProviderState.OPEN && breaker.state() == BreakerState.OPEN && !inFlight.suspect());
    }

    /**
     * When this provider can take mail again without anyone's help: a time not after now while it
     * is {@link #routable()}; the end of its cooling or its breaker's open wait, whichever is later;
     * empty while it waits on something with no end time (drained, in a drill, unhealthy or
     * misconfigured, suspect) — a passing probe, an answer, an undrain or a drill's end brings it back.
     */
    public Optional<Instant> availableAt() {
        if (drained || drill || !health.healthy() || inFlight.suspect()) {
            return Optional.empty();
        }
        Instant at = coolingUntil;
        if (breaker.state() == BreakerState.OPEN && breaker.trialsFrom().isAfter(at)) {
            at = breaker.trialsFrom();
        }
        return Optional.of(at);
    }

    /**
     * Takes {@code tokens} from the provider's rate limits, all or none: false means the provider
     * is at its limit — its configured one, or the budget it reported itself until its reset — and
     * the message should pass it by, without an attempt and without a charge.
     */
    public boolean tryTakeTokens(int tokens) {
        // The provider's own word first: it costs nothing and keeps the local buckets whole.
        return !budget.spentFor(tokens) && limiter.tryTake(tokens);
    }

    /** Returns tokens taken for attempts that were not made. */
    public void returnTokens(int tokens) {
        limiter.giveBack(tokens);
    }

    /** See {@link ProviderBreaker#tryAcquire()}: a true answer must be followed by {@link #record}. */
    public boolean tryAcquire() {
        return breaker.tryAcquire();
    }

    /**
     * Applies an attempt's outcome: the breaker learns of it, and the provider may leave rotation.
     * Any answer from the provider ends suspicion; a failure leaves it to the breaker.
     */
    public void record(SendOutcome outcome, Duration latency) {
        breaker.record(outcome, latency);
        switch (outcome) {
            case SendOutcome.RateLimited limited -> {
                coolDown(limited);
                trust(); // after cooling: no recovery to announce while it cools
            }
            case SendOutcome.Misconfigured misconfigured -> {
                inFlight.trust(); // no recovery to announce: it leaves rotation as misconfigured
                health.markMisconfigured();
                transition(new PosternEvent.Misconfigured(clock.instant(), name, misconfigured.reason()));
            }
            case SendOutcome.Accepted a -> answered(latency);
            case SendOutcome.Rejected r -> answered(latency);
            // A recipient's answer says the provider works; it never cools or sickens the provider.
            case SendOutcome.RecipientsRefused r -> answered(latency);
            case SendOutcome.Unavailable u -> {}
            case SendOutcome.Ambiguous a -> {}
        }
    }

    /**
     * Applies an attempt Postern cancelled because the provider was suspect. The breaker is not
     * charged: the cancellation is Postern's guess, not the provider's answer, and charging it
     * could open the breaker and hold a provider that recovers out for the whole open duration.
     * Attempts that time out after hand-off still charge it as failures.
     */
    public void recordCancelled() {
        breaker.releasePermission();
    }

    /**
     * Starts tracking an attempt in flight whose message is {@code bytes} long (its size earns it
     * {@link UploadTime} before it counts as overdue); {@link #ended} must follow.
     */
    InFlight.Entry started(AttemptContext context, long bytes) {
        return inFlight.start(context, UploadTime.of(bytes));
    }

    void ended(InFlight.Entry entry) {
        inFlight.end(entry);
    }

    /** True while an attempt to this provider is in flight. */
    boolean busy() {
        return inFlight.busy();
    }

    /** The watchdog's tick: see {@link InFlight#check}; publishes {@code provider_suspect} once. */
    public void watch() {
        inFlight.check()
                .ifPresent(s -> transition(new PosternEvent.ProviderSuspect(
                        clock.instant(), name, s.oldest(), s.inFlight(), s.cancelled(), s.abandoned())));
    }

    /** How long an attempt may be in flight before the provider is suspect now (zero when off). */
    public Duration suspectAfter() {
        return inFlight.threshold();
    }

    /**
     * Applies one health probe. A passing probe ends suspicion and lets an open breaker try again
     * (half-open) before anything is announced, so that whoever hears {@code provider_recovered}
     * finds the provider routable. The provider recovered when the probe made it healthy, or when
     * ending suspicion or the breaker's wait put it back in rotation.
     */
    public void probed(HealthResult result) {
        HealthTracker.Change change = health.record(result);
        switch (change) {
            case UNHEALTHY -> transition(new PosternEvent.ProviderUnhealthy(clock.instant(), name, result.detail()));
            case RECOVERED -> {
                breaker.halfOpenAfterPassingProbe();
                inFlight.trust();
                transition(new PosternEvent.ProviderRecovered(clock.instant(), name));
            }
            case NONE -> {
                if (result.healthy()) {
                    boolean trials = breaker.halfOpenAfterPassingProbe();
                    if (inFlight.trust() | trials) {
                        recoveredIfAvailable();
                    }
                }
            }
        }
    }

    /** The provider answered: its latency counts for adaptive suspicion, and suspicion ends. */
    private void answered(Duration latency) {
        inFlight.answered(latency);
        trust();
    }

    /** Ends suspicion; says so when that puts the provider back in rotation. */
    private void trust() {
        if (inFlight.trust()) {
            recoveredIfAvailable();
        }
    }

    private void recoveredIfAvailable() {
        if (state() == ProviderState.AVAILABLE) {
            transition(new PosternEvent.ProviderRecovered(clock.instant(), name));
        }
    }

    private void breakerMoved(ProviderBreaker.Moved moved) {
        switch (moved.to()) {
            case OPEN ->
                transition(new PosternEvent.BreakerOpened(
                        clock.instant(), name, moved.failureRate(), moved.slowCallRate()));
            case CLOSED -> transition(new PosternEvent.BreakerClosed(clock.instant(), name));
            case HALF_OPEN, FORCED_OPEN -> {} // not told: see ProviderBreaker.Moved
        }
    }

    /** The one place a change of this provider's state is published. */
    private void transition(PosternEvent change) {
        events.on(change);
    }

    private void coolDown(SendOutcome.RateLimited limited) {
        Duration wait = bounded(limited.retryAfterIfStated().orElse(defaultCooling));
        Instant until = clock.instant().plus(wait);
        coolingUntil = until;
        transition(new PosternEvent.RateLimited(clock.instant(), name, until, limited.reason()));
    }

    /**
     * {@code wait} within {@code rate_limit.max_cooldown}: a provider asking for 31 years (or for
     * more than any date holds) is tried again after the bound rather than lost or overflowing.
     * Said at WARN the first time for this provider only, so a provider that keeps asking does not
     * flood the log; later clamps are at DEBUG.
     */
    private Duration bounded(Duration wait) {
        Duration max = config.rateLimit().maxCooldown();
        if (wait.compareTo(max) <= 0) {
            return wait;
        }
        if (clampAnnounced.compareAndSet(false, true)) {
            LOG.warn(
                    "provider {} asked to wait {}, more than its rate_limit.max_cooldown {}: it cools for {} (said once;"
                            + " later ones are logged at DEBUG)",
                    name,
                    wait,
                    max,
                    max);
        } else {
            LOG.debug("provider {} asked to wait {}; cooling for rate_limit.max_cooldown {}", name, wait, max);
        }
        return max;
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
                health.lastCheck(),
                budget.status());
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

    /** The limits that made a message of {@code tokens} pass this provider by, as shown in messages. */
    public String limits(int tokens) {
        return budget.describe(tokens);
    }

    public Provider provider() {
        return provider;
    }
}

package dev.postern.ratelimit.internal;

import dev.postern.provider.Provider;
import dev.postern.provider.RateLimitStatus;
import dev.postern.ratelimit.RateLimitConfig;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's rate budget as routing and the API see it: what the provider last reported while
 * that report is current (its reset not passed), else the configured limit, else unknown.
 */
public final class ProviderBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderBudget.class);

    private final String name;
    private final Provider provider;
    private final RateLimitConfig config;
    private final Clock clock;

    public ProviderBudget(String name, Provider provider, RateLimitConfig config, Clock clock) {
        this.name = name;
        this.provider = provider;
        this.config = config;
        this.clock = clock;
    }

    /** The status to show: a current report, else the configured limit, else unknown. */
    public RateLimitStatus status() {
        RateLimitStatus reported = reported();
        if (reported.currentAt(clock.instant())) {
            return reported;
        }
        if (config.perSecond() > 0) {
            return RateLimitStatus.configured(config.perSecond());
        }
        return config.perDay() > 0 ? RateLimitStatus.configured(config.perDay()) : RateLimitStatus.UNKNOWN;
    }

    /** True while the provider's own report says it has fewer than {@code requests} left before its reset. */
    public boolean spentFor(int requests) {
        return reported().spentFor(requests, clock.instant());
    }

    /**
     * The limits as shown when a message of {@code requests} passes the provider by: the provider's
     * report when that is what holds it out, else the configuration.
     */
    public String describe(int requests) {
        RateLimitStatus reported = reported();
        return reported.spentFor(requests, clock.instant()) ? reported.toString() : config.toString();
    }

    // A custom adapter's bug must not take the send path down: a throwing or null answer counts as nothing known.
    private RateLimitStatus reported() {
        try {
            RateLimitStatus status = provider.rateLimit();
            return status == null ? RateLimitStatus.UNKNOWN : status;
        } catch (RuntimeException e) {
            LOG.debug("provider {} failed to say its rate limit; taken as unknown", name, e);
            return RateLimitStatus.UNKNOWN;
        }
    }
}

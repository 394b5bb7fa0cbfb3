package dev.postern.spring;

import dev.postern.ProviderConfig;
import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.Provider;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterKeys;
import dev.postern.provider.type.ProviderType;
import dev.postern.provider.type.ProviderTypes;
import dev.postern.ratelimit.RateLimitConfig;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Turns one entry of {@code postern.providers} into a {@link Provider} through its {@link
 * ProviderType}, which reads its own keys ({@link PropertyKeys}) into its validated config record,
 * whose checks stay the single source of truth; their messages, which start with the {@code
 * postern.yml} key, are re-addressed to the Spring property ({@code postern.providers[0].api-key
 * must not be blank}).
 */
final class ProviderFactory {
    private static final Pattern LEADING_KEY = Pattern.compile("^([a-z_]+(?:\\.[a-z_]+)?) ");

    private ProviderFactory() {}

    /** The provider at {@code index} of {@code postern.providers}, or an exception naming the property. */
    static Provider create(int index, ProviderProperties p, Binder binder) {
        String prefix = "postern.providers[" + index + "].";
        ProviderTypes types = ProviderTypes.installed();
        ProviderType<?> type = types.find(p.type())
                .orElseThrow(() -> new PosternConfigException(
                        prefix + "type " + types.unknown(p.type() == null ? "unset" : "'" + p.type() + "'")));
        try {
            return type.configure(new PropertyKeys(binder, prefix), timeouts(p)).create();
        } catch (AdapterKeys.Reported e) {
            // PropertyKeys stops at the first problem, so a type stopped without one: say whose
            throw new PosternConfigException(prefix + "type " + type.name() + " is missing a required key", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PosternConfigException(prefix + kebab(String.valueOf(e.getMessage())), e);
        }
    }

    /** How routing treats the provider at {@code index}: priority by position unless set. */
    static ProviderConfig routing(int index, ProviderProperties p) {
        String prefix = "postern.providers[" + index + "].";
        BreakerConfig breaker = part(prefix + "circuit-breaker.", () -> RoutingParts.breaker(p.circuitBreaker()));
        HealthCheckConfig health = part(prefix + "health-check.", () -> RoutingParts.healthCheck(p.healthCheck()));
        RateLimitConfig rateLimit = part(prefix + "rate-limit.", () -> RoutingParts.rateLimit(p.rateLimit()));
        return part(
                prefix,
                () -> new ProviderConfig(
                        Objects.requireNonNullElse(p.priority(), index + 1),
                        Objects.requireNonNullElse(p.weight(), 1),
                        breaker,
                        health,
                        rateLimit));
    }

    /** Builds a core record, re-addressing its message (which starts with its key) under {@code prefix}. */
    private static <T> T part(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PosternConfigException(prefix + kebab(String.valueOf(e.getMessage())), e);
        }
    }

    private static Timeouts timeouts(ProviderProperties p) {
        ProviderProperties.Timeouts t = p.timeouts();
        if (t == null) {
            return Timeouts.DEFAULTS;
        }
        return new Timeouts(
                Objects.requireNonNullElse(t.connect(), Timeouts.DEFAULTS.connect()),
                Objects.requireNonNullElse(t.request(), Timeouts.DEFAULTS.request()));
    }

    /** {@code api_key must …} → {@code api-key must …}: Spring's canonical property form. */
    private static String kebab(String message) {
        Matcher m = LEADING_KEY.matcher(message);
        return m.find()
                ? m.group(1).replace('_', '-') + message.substring(m.group(1).length())
                : message;
    }
}

package dev.postern.doctor;

import dev.postern.error.PosternException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to check: the sending domain, the providers that send for it, the resolver to ask and how
 * long to wait for each answer.
 *
 * @param domain the sending domain, e.g. {@code shop.example}; a trailing dot is dropped
 * @param providers the providers that send for the domain, in configuration order
 * @param resolver {@code HOST:PORT} (or {@code HOST}, port 53; IPv6 as {@code [::1]:53}) of the
 *     resolver to ask; empty means the system's resolver
 * @param timeout how long to wait for each DNS answer; a query that takes longer is "could not
 *     check", never a pass
 */
public record DoctorRequest(
        String domain, List<SendingProvider> providers, Optional<String> resolver, Duration timeout) {

    /** The default wait per DNS query. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DoctorRequest {
        domain = normalisedDomain(domain);
        providers = List.copyOf(providers);
        resolver.ifPresent(ResolverAddress::parse);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new PosternException("timeout must be > 0, but was " + timeout);
        }
    }

    /** Checks {@code domain} for {@code providers} with the system's resolver and the default timeout. */
    public static DoctorRequest of(String domain, List<SendingProvider> providers) {
        return new DoctorRequest(domain, providers, Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** The same request asking the resolver at {@code hostAndPort} ({@code HOST:PORT}). */
    public DoctorRequest withResolver(String hostAndPort) {
        return new DoctorRequest(domain, providers, Optional.of(hostAndPort), timeout);
    }

    public DoctorRequest withTimeout(Duration value) {
        return new DoctorRequest(domain, providers, resolver, value);
    }

    private static String normalisedDomain(String value) {
        if (value == null) {
            throw new PosternException("domain must be a domain name such as shop.example, but was null");
        }
        String domain = value.strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.length() > 253 || !domain.matches("([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z0-9-]{2,63}")) {
            throw new PosternException("domain must be a domain name such as shop.example, but was '" + value + "'");
        }
        return domain;
    }
}

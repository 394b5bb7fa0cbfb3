package dev.postern.server.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed authentications per client address, shared by SMTP AUTH and the API's bearer keys, so
 * that secrets cannot be guessed at full speed (as Postfix's {@code anvil} and {@code
 * smtpd_client_auth_rate_limit}). The first {@link Policy#freeFailures} failures cost nothing; after
 * each further one the address must wait, from {@link Policy#firstWait} doubling; an attempt made
 * while it should wait is refused unchecked and counts as a failure; at {@link Policy#maxFailures}
 * the address is blocked, even with the right secret, for {@link Policy#window}. An address is
 * forgotten a window after its last failure. Failures from one address never touch another
 * (IPv6 clients are counted per /64, the block one host usually holds).
 *
 * <p>Nothing here waits: a refusal says how long to wait ({@code 454}/{@code 421} over SMTP, 429
 * with {@code Retry-After} over HTTP), so no thread is held. At most {@link Policy#maxAddresses}
 * addresses are tracked; beyond that the one touched least recently is dropped. Logs name the
 * address and what was tried (never a secret): the first failure of a window, and one summary when
 * the address is blocked, instead of a line per failure.
 */
public final class AuthThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

    /**
     * @param freeFailures failures before the address must wait
     * @param maxFailures failures (refused attempts included) that block the address
     * @param firstWait the wait after failure {@code freeFailures}; doubled after each one more
     * @param window how long a block lasts, and how long after its last failure an address is forgotten
     * @param maxAddresses addresses tracked at once
     */
    public record Policy(int freeFailures, int maxFailures, Duration firstWait, Duration window, int maxAddresses) {
        /** 5 free, then 1 s, 2 s, … 16 s of waiting, blocked at 10 for 10 minutes; 10,000 addresses. */
        public static final Policy DEFAULTS = new Policy(5, 10, Duration.ofSeconds(1), Duration.ofMinutes(10), 10_000);

        public Policy {
            if (freeFailures < 1 || maxFailures <= freeFailures) {
                throw new IllegalArgumentException(
                        "need 1 <= freeFailures < maxFailures, but were " + freeFailures + " and " + maxFailures);
            }
            if (firstWait.isNegative() || firstWait.isZero() || window.compareTo(firstWait) < 0) {
                throw new IllegalArgumentException(
                        "need 0 < firstWait <= window, but were " + firstWait + " and " + window);
            }
            if (maxAddresses < 1) {
                throw new IllegalArgumentException("maxAddresses must be > 0, but was " + maxAddresses);
            }
        }
    }

    /** What an address may do now. */
    public sealed interface Verdict {
        /** Check the secret. */
        record Open() implements Verdict {}

        /** Refused unchecked; may try again after {@code retryAfter} (SMTP {@code 454}, HTTP 429). */
        record Wait(Duration retryAfter) implements Verdict {}

        /** Refused, even the right secret, for {@code retryAfter} (SMTP {@code 421} and close, HTTP 429). */
        record Blocked(Duration retryAfter) implements Verdict {}
    }

    private static final Verdict OPEN = new Verdict.Open();

    private final Policy policy;
    private final InstantSource time;
    private final Map<InetAddress, Failures> byAddress;

    public AuthThrottle(Policy policy, InstantSource time) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.time = Objects.requireNonNull(time, "time");
        // access order: the entry touched least recently goes first when the cap is reached
        this.byAddress = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
                return size() > policy.maxAddresses();
            }
        };
    }

    /**
     * Before a secret is checked: {@link Verdict.Open} to check it, else the refusal. An attempt
     * refused with {@link Verdict.Wait} counts as a failure (a client that ignores the wait is
     * blocked sooner); one refused while blocked does not (the block does not grow).
     */
    public synchronized Verdict admit(InetAddress client) {
        InetAddress key = key(client);
        Instant now = time.instant();
        Failures failures = live(key, now);
        if (failures == null) {
            return OPEN;
        }
        Verdict verdict = verdict(failures, now);
        if (verdict instanceof Verdict.Wait) {
            failures.ignoredWaits++;
            return count(key, failures, now);
        }
        return verdict;
    }

    /** What {@code client} may do now, counting nothing. */
    public synchronized Verdict verdict(InetAddress client) {
        Instant now = time.instant();
        Failures failures = live(key(client), now);
        return failures == null ? OPEN : verdict(failures, now);
    }

    /**
     * After a wrong secret from {@code client}; {@code attempt} says what was tried, for the log
     * ("SMTP AUTH for user legacy-app", "an API key"), and must hold no secret.
     *
     * @return what the address may do now: a {@link Verdict.Blocked} means this failure blocked it
     */
    public synchronized Verdict failed(InetAddress client, String attempt) {
        InetAddress key = key(client);
        Instant now = time.instant();
        Failures failures = live(key, now);
        if (failures == null) {
            failures = new Failures(now);
            byAddress.put(key, failures);
            LOG.warn(
                    "{} failed from {}; further failures from this address within {} are summed up",
                    attempt,
                    name(key),
                    text(policy.window()));
        }
        failures.lastAttempt = attempt;
        return count(key, failures, now);
    }

    /** Addresses tracked now. */
    synchronized int tracked() {
        return byAddress.size();
    }

    private Verdict count(InetAddress key, Failures failures, Instant now) {
        failures.count++;
        failures.last = now;
        LOG.debug("failed authentication from {} ({} failures)", name(key), failures.count);
        if (failures.count == policy.maxFailures()) {
            LOG.warn(
                    "{} failed authentications from {} within {} ({} wrong, the last {}; {} made while told to"
                            + " wait); refusing its authentication, even with the right secret, for {}",
                    failures.count,
                    name(key),
                    text(Duration.between(failures.first, now)),
                    failures.count - failures.ignoredWaits,
                    failures.lastAttempt,
                    failures.ignoredWaits,
                    text(policy.window()));
        }
        return verdict(failures, now);
    }

    private Verdict verdict(Failures failures, Instant now) {
        if (failures.count >= policy.maxFailures()) {
            return new Verdict.Blocked(Duration.between(now, failures.last.plus(policy.window())));
        }
        if (failures.count >= policy.freeFailures()) {
            int doublings = Math.min(failures.count - policy.freeFailures(), 30);
            Duration wait = policy.firstWait().multipliedBy(1L << doublings);
            Instant next = failures.last.plus(wait.compareTo(policy.window()) > 0 ? policy.window() : wait);
            if (now.isBefore(next)) {
                return new Verdict.Wait(Duration.between(now, next));
            }
        }
        return OPEN;
    }

    /** The address's failures, unless none or forgotten by now. */
    private Failures live(InetAddress key, Instant now) {
        Failures failures = byAddress.get(key);
        if (failures != null && !now.isBefore(failures.last.plus(policy.window()))) {
            byAddress.remove(key);
            return null;
        }
        return failures;
    }

    /** IPv4 addresses as they are; IPv6 ones cut to their /64. */
    static InetAddress key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static String name(InetAddress key) {
        return key instanceof Inet6Address ? key.getHostAddress() + "/64" : key.getHostAddress();
    }

    /** Whole seconds, or minutes when exact: {@code 3s}, {@code 10m}. */
    private static String text(Duration d) {
        long seconds = d.toSeconds();
        return seconds > 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static final class Failures {
        final Instant first;
        Instant last;
        int count;
        int ignoredWaits;
        String lastAttempt;

        Failures(Instant first) {
            this.first = first;
            this.last = first;
        }
    }
}

package dev.postern.provider.transport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one transport has learned about each endpoint (scheme, host, port) and {@code Expect:
 * 100-continue}, and so how its next body is sent:
 *
 * <ul>
 *   <li>an endpoint that has answered {@code 100 Continue} honours Expect, for as long as Postern
 *       runs: a silence before the body is a hang, and the body waits (no fallback);
 *   <li>an endpoint not yet known waits {@link #WAIT} for {@code 100 Continue}; without it (or a final
 *       answer) the request is abandoned before any byte of its body and sent again at once without
 *       Expect — what curl does, made safe for failover;
 *   <li>an endpoint that answered such a request without Expect ignores Expect: its bodies go at
 *       once, without Expect, except one request with Expect every {@link #REPROBE} — so an endpoint
 *       that was slow once, or whose proxy was fixed, gets its hang protection back.
 * </ul>
 *
 * <p>Bounded: at most {@link #MAX_ENDPOINTS} endpoints are remembered; beyond that all is forgotten
 * (an adapter talks to one or two).
 */
final class ExpectMemory {
    /** How long a body waits for {@code 100 Continue} at an endpoint not known to honour Expect (curl's 1 s). */
    static final Duration WAIT = Duration.ofSeconds(1);

    /** How often an endpoint known to ignore Expect is asked with Expect again. */
    static final Duration REPROBE = Duration.ofMinutes(10);

    static final int MAX_ENDPOINTS = 64;

    /** How a body is sent to an endpoint. */
    enum Plan {
        /** With Expect; the body waits for {@code 100 Continue} (the JDK client's own limit aside). */
        EXPECT,
        /** With Expect; after {@link #WAIT} without an answer, abandoned and sent again without. */
        EXPECT_THEN_WITHOUT,
        /** Without Expect: the body follows the headers. */
        WITHOUT
    }

    private sealed interface Known {}

    private record Honours() implements Known {}

    private record Ignores(Instant since) implements Known {}

    private final Clock clock;
    private final Map<String, Known> endpoints = new ConcurrentHashMap<>();

    ExpectMemory(Clock clock) {
        this.clock = clock;
    }

    Plan plan(URI uri) {
        return switch (endpoints.get(key(uri))) {
            case null -> Plan.EXPECT_THEN_WITHOUT;
            case Honours honours -> Plan.EXPECT;
            case Ignores ignores ->
                clock.instant().isBefore(ignores.since().plus(REPROBE)) ? Plan.WITHOUT : Plan.EXPECT_THEN_WITHOUT;
        };
    }

    boolean honours(URI uri) {
        return endpoints.get(key(uri)) instanceof Honours;
    }

    /** The endpoint answered {@code 100 Continue}. */
    void honoured(URI uri) {
        remember(uri, new Honours());
    }

    /**
     * The endpoint answered a request sent without Expect after it did not answer one with Expect.
     * Ignored for an endpoint that has answered {@code 100 Continue}: it honours Expect and was only
     * slow (a cold start, a loaded machine), and taking it for one that ignores Expect would cost
     * its hang protection.
     */
    void ignored(URI uri) {
        bounded();
        endpoints.compute(key(uri), (key, known) -> known instanceof Honours ? known : new Ignores(clock.instant()));
    }

    private void remember(URI uri, Known known) {
        bounded();
        endpoints.put(key(uri), known);
    }

    private void bounded() {
        if (endpoints.size() >= MAX_ENDPOINTS) {
            endpoints.clear();
        }
    }

    private static String key(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}

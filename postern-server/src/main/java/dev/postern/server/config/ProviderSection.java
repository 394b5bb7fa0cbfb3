package dev.postern.server.config;

import dev.postern.ProviderConfig;
import dev.postern.breaker.BreakerConfig;
import dev.postern.health.HealthCheckConfig;
import dev.postern.provider.transport.Timeouts;
import dev.postern.provider.type.AdapterConfig;
import dev.postern.provider.type.ProviderType;
import dev.postern.provider.type.ProviderTypes;
import dev.postern.ratelimit.RateLimitConfig;
import dev.postern.routing.AdaptiveSuspicion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads {@code providers}: the keys every provider shares, then its adapter's own ({@link AdapterSection}). */
final class ProviderSection {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern LEADING_KEY = Pattern.compile("^([a-z_]+(?:\\.[a-z_]+)?) (must|and) ");
    private static final List<String> COMMON = List.of(
            "name",
            "type",
            "priority",
            "weight",
            "timeouts",
            "rate_limit",
            "circuit_breaker",
            "health_check",
            "capabilities",
            "spf_include",
            "dkim_selectors");
    private static final List<String> CAPABILITIES = List.of(
            "open_tracking",
            "click_tracking",
            "templates",
            "scheduled_send",
            "tags",
            "metadata",
            "custom_headers",
            "cc_bcc",
            "max_message_bytes",
            "max_recipients");

    private ProviderSection() {}

    static List<ProviderEntry> providers(Section root, Findings findings) {
        List<ProviderEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Section> listed = root.sections("providers");
        if (listed.isEmpty() && !root.has("providers")) {
            root.problem("providers", "is required: list at least one provider");
        } else if (listed.isEmpty()) {
            root.problem("providers", "must list at least one provider");
        }
        for (Section p : listed) {
            String name = p.required("name");
            if (name != null && !NAME.matcher(name).matches()) {
                p.problem(
                        "name",
                        "must be letters, digits, '_', '.' or '-' (at most 64), but was " + p.showValue("name"));
                name = null;
            } else if (name != null && !names.add(name)) {
                p.problem("name", "'" + name + "' names two providers");
            }
            String typeName = p.required("type");
            ProviderType<?> type = ProviderTypes.installed().find(typeName).orElse(null);
            if (typeName != null && type == null) {
                p.problem("type", ProviderTypes.installed().unknown(p.showValue("type")));
            }
            if (type != null) {
                List<String> own = AdapterSection.sections(type).stream()
                        .filter(s -> !COMMON.contains(s))
                        .toList();
                p.allow(Stream.of(COMMON, AdapterSection.keys(type), own)
                        .flatMap(List::stream)
                        .distinct()
                        .toArray(String[]::new));
                // a type's own mapping ("webhook: { key }"): its keys are the type's to name
                own.stream()
                        .filter(p::has)
                        .forEach(s -> p.section(s)
                                .allow(AdapterSection.keysIn(type, s).toArray(String[]::new)));
            }
            ProviderConfig routing = routing(p, entries.size() + 1);
            Timeouts timeouts = timeouts(p, type);
            if (routing != null) {
                routing = routing.withSuspectAfter(suspectAfter(p, timeouts)).withAdaptiveSuspicion(adaptive(p));
            }
            Optional<RateLimit> rateLimit = rateLimit(p, findings);
            if (routing != null && rateLimit.isPresent()) {
                routing = routing.withRateLimit(rateLimit.get().toConfig());
            }
            capabilities(p, findings);
            AdapterConfig<?> adapter = type == null ? null : AdapterSection.read(p, type, timeouts);
            if (name != null && adapter != null && routing != null) {
                entries.add(new ProviderEntry(
                        name, routing, adapter, rateLimit, p.string("spf_include"), p.strings("dkim_selectors")));
            }
        }
        return entries;
    }

    /** Reports an adapter's own validation failure at the key its message names, if it names one. */
    static void report(Section s, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "is invalid" : e.getMessage();
        Matcher m = LEADING_KEY.matcher(message);
        if (m.find() && m.group(2).equals("must")) {
            s.problem(m.group(1), message.substring(m.group(1).length() + 1));
        } else {
            s.problem(null, message);
        }
    }

    private static ProviderConfig routing(Section p, int position) {
        int priority = (int) p.integer("priority", position, 0, 1000);
        int weight = (int) p.integer("weight", 1, 1, 1_000_000);
        try {
            return new ProviderConfig(priority, weight, breaker(p), healthCheck(p));
        } catch (IllegalArgumentException e) {
            report(p, e);
            return null;
        }
    }

    private static BreakerConfig breaker(Section p) {
        Section b = p.section("circuit_breaker");
        b.allow(
                "window",
                "minimum_calls",
                "failure_rate_threshold",
                "slow_call_duration",
                "slow_call_rate_threshold",
                "open_duration",
                "half_open_calls");
        BreakerConfig d = BreakerConfig.DEFAULTS;
        try {
            return new BreakerConfig(
                    (int) b.integer("window", d.window(), 1, 10_000),
                    (int) b.integer("minimum_calls", d.minimumCalls(), 1, 10_000),
                    (int) b.integer("failure_rate_threshold", d.failureRateThreshold(), 1, 100),
                    b.duration("slow_call_duration", d.slowCallDuration()),
                    (int) b.integer("slow_call_rate_threshold", d.slowCallRateThreshold(), 1, 100),
                    b.duration("open_duration", d.openDuration()),
                    (int) b.integer("half_open_calls", d.halfOpenCalls(), 1, 1000));
        } catch (IllegalArgumentException e) {
            report(b, e);
            return d;
        }
    }

    private static HealthCheckConfig healthCheck(Section p) {
        Section h = p.section("health_check");
        h.allow("interval", "unhealthy_after", "healthy_after");
        HealthCheckConfig d = HealthCheckConfig.DEFAULTS;
        Duration interval = h.duration("interval", d.interval());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            h.problem("interval", "must be >= 1s, but was " + Durations.format(interval));
            interval = d.interval();
        }
        return new HealthCheckConfig(
                interval, d.jitter(), (int) h.integer("unhealthy_after", d.unhealthyAfter(), 1, 100), (int)
                        h.integer("healthy_after", d.healthyAfter(), 1, 100));
    }

    /** The shared {@code timeouts}; a type may take more keys in the mapping ({@code timeouts.command}). */
    private static Timeouts timeouts(Section p, ProviderType<?> type) {
        Section t = p.section("timeouts");
        List<String> own = type == null ? List.of() : AdapterSection.keysIn(type, "timeouts");
        t.allow(Stream.concat(
                        Stream.of("connect", "request", "suspect_after", "suspect_floor", "suspect_p99_multiple"),
                        own.stream())
                .toArray(String[]::new));
        return new Timeouts(
                t.duration("connect", Timeouts.DEFAULTS.connect()), t.duration("request", Timeouts.DEFAULTS.request()));
    }

    /**
     * How long an attempt may stay in flight before its provider is suspect: {@code
     * timeouts.suspect_after}, default 2 s; never above the
     * request timeout, or a hung provider would be found only by its timeouts.
     */
    private static Duration suspectAfter(Section p, Timeouts timeouts) {
        Section t = p.section("timeouts");
        Duration suspectAfter = t.duration("suspect_after", ProviderConfig.DEFAULT_SUSPECT_AFTER);
        if (suspectAfter.compareTo(timeouts.request()) > 0) {
            t.problem(
                    "suspect_after",
                    "must be <= timeouts.request (" + timeouts.request().toMillis() + "ms), but was "
                            + suspectAfter.toMillis() + "ms");
            return ProviderConfig.DEFAULT_SUSPECT_AFTER.compareTo(timeouts.request()) <= 0
                    ? ProviderConfig.DEFAULT_SUSPECT_AFTER
                    : timeouts.request();
        }
        return suspectAfter;
    }

    /**
     * Suspicion adapted to the provider's own latency ({@link AdaptiveSuspicion}): {@code
     * timeouts.suspect_p99_multiple} times its recent p99 (0, the default, is off), at least {@code
     * timeouts.suspect_floor} (default 500 ms), never above {@code suspect_after}.
     */
    private static AdaptiveSuspicion adaptive(Section p) {
        Section t = p.section("timeouts");
        int multiple = (int) t.integer("suspect_p99_multiple", 0, 0, 1000);
        // duration() refuses zero, and nothing negative parses
        return new AdaptiveSuspicion(multiple, t.duration("suspect_floor", AdaptiveSuspicion.DEFAULT_FLOOR));
    }

    private static Optional<RateLimit> rateLimit(Section p, Findings findings) {
        if (!p.has("rate_limit")) {
            return Optional.empty();
        }
        Section r = p.section("rate_limit");
        r.allow("per_second", "per_day", "max_cooldown");
        Optional<Duration> maxCooldown = r.has("max_cooldown")
                ? Optional.of(r.duration("max_cooldown", RateLimitConfig.DEFAULT_MAX_COOLDOWN))
                : Optional.empty();
        return Optional.of(
                new RateLimit(r.optionalInteger("per_second", 1), r.optionalInteger("per_day", 1), maxCooldown));
    }

    private static void capabilities(Section p, Findings findings) {
        if (!p.has("capabilities")) {
            return;
        }
        Section c = p.section("capabilities");
        c.allow(CAPABILITIES.toArray(String[]::new));
        for (String key : CAPABILITIES) {
            if (key.startsWith("max_")) {
                c.integer(key, 1, 1, Long.MAX_VALUE);
            } else {
                c.bool(key, true);
            }
        }
        findings.notInEffect(
                p.pathOf("capabilities"), "overrides are not in effect yet; each adapter declares its own");
    }
}

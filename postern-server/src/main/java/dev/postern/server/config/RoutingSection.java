package dev.postern.server.config;

import dev.postern.outbox.OutboxConfig;
import dev.postern.outbox.RetryConfig;
import dev.postern.routing.Feature;
import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.Strategy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads {@code routing}, {@code store} and {@code retention}: core's routing settings and the outbox's. */
final class RoutingSection {
    private static final Set<String> DEGRADABLE = Set.of("tracking");

    private RoutingSection() {}

    static RoutingConfig routing(Section routing, Findings findings) {
        routing.allow(
                "strategy",
                "max_attempts",
                "retry",
                "max_age",
                "on_ambiguous",
                "default_cooling",
                "degrade_on_failover",
                "tracking_url_prefixes");
        RoutingConfig d = RoutingConfig.DEFAULTS;
        Strategy strategy = d.strategy();
        String named = routing.string("strategy", "priority");
        switch (named) {
            case "priority" -> strategy = Strategy.PRIORITY;
            case "weighted" -> strategy = Strategy.WEIGHTED;
            case "primary_with_spillover" -> strategy = Strategy.PRIMARY_WITH_SPILLOVER;
            default ->
                routing.problem(
                        "strategy",
                        "must be priority, weighted or primary_with_spillover, but was "
                                + routing.showValue("strategy"));
        }
        int maxAttempts = (int) routing.integer("max_attempts", d.maxAttempts(), 1, 20);
        OnAmbiguous onAmbiguous = d.onAmbiguous();
        String ambiguous = routing.string("on_ambiguous", "failover");
        switch (ambiguous) {
            case "failover" -> onAmbiguous = OnAmbiguous.FAILOVER;
            case "defer" -> onAmbiguous = OnAmbiguous.DEFER;
            default ->
                routing.problem(
                        "on_ambiguous", "must be failover or defer, but was " + routing.showValue("on_ambiguous"));
        }
        // Section.duration refuses 0 and durations carry no sign: RoutingConfig's rule, > 0
        Duration defaultCooling = routing.duration("default_cooling", d.defaultCooling());
        List<String> degrade = routing.strings("degrade_on_failover");
        for (int i = 0; i < degrade.size(); i++) {
            if (!DEGRADABLE.contains(degrade.get(i))) {
                routing.problem("degrade_on_failover[" + i + "]", "must be tracking, but was '" + degrade.get(i) + "'");
            }
        }
        // absent: the default ([tracking]); an empty list turns degradation off
        Set<Feature> degraded = !routing.has("degrade_on_failover")
                ? d.degradeOnFailover()
                : degrade.contains("tracking") ? Set.of(Feature.TRACKING) : Set.of();
        RoutingConfig config = d.withStrategy(strategy)
                .withMaxAttempts(maxAttempts)
                .withOnAmbiguous(onAmbiguous)
                .withDefaultCooling(defaultCooling)
                .withDegradeOnFailover(degraded);
        List<String> prefixes = routing.strings("tracking_url_prefixes");
        try {
            return config.withTrackingUrlPrefixes(prefixes);
        } catch (IllegalArgumentException e) {
            routing.problem("tracking_url_prefixes", e.getMessage());
            return config;
        }
    }

    static OutboxConfig outbox(Section root, Section routing) {
        OutboxConfig d = OutboxConfig.DEFAULTS;
        String store = root.string("store", d.store());
        if (store.startsWith("postgresql://") || store.startsWith("postgres://")) {
            checkPostgresUrl(root, store);
        } else if (!store.startsWith("sqlite:") || store.length() == "sqlite:".length()) {
            root.problem("store", "must be sqlite:PATH or a postgresql:// URL, but was " + root.showValue("store"));
        }
        Section retry = routing.section("retry");
        retry.allow("initial", "max");
        Duration initial = retry.duration("initial", d.retry().initial());
        Duration max = retry.duration("max", d.retry().max());
        RetryConfig retryConfig = d.retry();
        if (max.compareTo(initial) < 0) {
            retry.problem(
                    "max",
                    "must be >= retry.initial (" + Durations.format(initial) + "), but was " + Durations.format(max));
        } else {
            retryConfig = new RetryConfig(initial, max, d.retry().jitter());
        }
        Duration maxAge = routing.duration("max_age", d.maxAge());
        Duration writeTimeout = root.duration("store_write_timeout", d.storeWriteTimeout());
        return retention(root, d.withStore(store).withRetry(retryConfig).withMaxAge(maxAge))
                .withStoreWriteTimeout(writeTimeout);
    }

    /** {@code retention.payloads} and {@code retention.records}: for delivered and failed messages. */
    private static OutboxConfig retention(Section root, OutboxConfig outbox) {
        Section retention = root.section("retention");
        retention.allow("payloads", "records");
        Duration payloads = retention.duration("payloads", outbox.retention());
        Duration records = retention.duration("records", outbox.recordRetention());
        Duration floor = payloads.compareTo(outbox.idempotencyWindow()) > 0 ? payloads : outbox.idempotencyWindow();
        if (records.compareTo(floor) < 0) {
            retention.problem(
                    "records",
                    "must be >= retention.payloads (" + Durations.format(payloads) + ") and >= the idempotency window ("
                            + Durations.format(outbox.idempotencyWindow()) + "), but was "
                            + Durations.format(records));
            return outbox;
        }
        return outbox.withRetention(payloads, records);
    }

    /** The URL's shape only; whether the database answers is for startup. Never shows the password. */
    private static void checkPostgresUrl(Section root, String store) {
        URI uri;
        try {
            uri = URI.create(store);
        } catch (IllegalArgumentException e) {
            root.problem("store", "must be postgresql://user@host:port/database, but it is not a valid URL");
            return;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isEmpty()) {
            root.problem("store", "must be postgresql://user@host:port/database, but the host or database is missing");
        }
    }
}

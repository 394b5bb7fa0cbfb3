package dev.postern.server;

import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.provider.event.EventWebhook;
import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.cluster.ClusterBudget;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.server.cluster.ProviderViews;
import dev.postern.server.config.AlertSinkConfig;
import dev.postern.server.config.Carriers;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.config.EventsConfig;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import dev.postern.server.config.SuppressionsConfig;
import dev.postern.server.drill.AlertLedger;
import dev.postern.server.drill.DrillRecorder;
import dev.postern.server.drill.Drills;
import dev.postern.server.events.DeliveryEventListener;
import dev.postern.server.events.EventDispatcher;
import dev.postern.server.events.EventIntake;
import dev.postern.server.events.InboundWebhooks;
import dev.postern.server.events.SubscriptionConfirmer;
import dev.postern.server.http.EventLog;
import dev.postern.server.http.HttpApi;
import dev.postern.server.metrics.Metrics;
import dev.postern.server.smtp.SmtpRelay;
import dev.postern.server.stats.DeliveryRates;
import dev.postern.server.stats.ProviderStats;
import dev.postern.server.stats.TrafficSeries;
import dev.postern.time.Scheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Postern gateway ({@code postern serve}): providers, routing, the durable outbox, alert
 * sinks, the HTTP API and the SMTP relay, built from one validated {@link GatewayConfig}. The module's door:
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.start(ConfigLoader.load(Path.of("postern.yml")).orThrow())) {
 *     System.out.println("API at " + gateway.httpUrl());
 * }
 * }</pre>
 *
 * <p>{@link #close} shuts down gracefully: new requests are refused (503, retry elsewhere), requests
 * in progress get their answer, the dispatcher lets sends in flight finish (a claim it cannot settle
 * expires and is taken up again on the next start), and the store is closed.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** How long {@link #close} waits for HTTP requests in progress. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final Postern postern;
    private final Outbox outbox;
    private final HttpApi http;
    private final SmtpRelay smtp;
    private final ClusterNode node;
    private final Drills drills;
    private final Closer parts;
    private boolean closed;

    private Gateway(
            Postern postern,
            Outbox outbox,
            ClusterNode node,
            HttpApi http,
            SmtpRelay smtp,
            Drills drills,
            Closer parts) {
        this.postern = postern;
        this.outbox = outbox;
        this.node = node;
        this.http = http;
        this.smtp = smtp;
        this.drills = drills;
        this.parts = parts;
    }

    /**
     * Builds everything {@code config} describes on the system clock and starts listening.
     *
     * @throws dev.postern.outbox.OutboxUnavailableException when the store cannot be opened
     */
    public static Gateway start(GatewayConfig config) {
        return start(config, GatewayRuntime.system());
    }

    /**
     * Builds everything {@code config} describes on {@code runtime} and starts listening. Every part
     * reads time from the runtime's clock and waits on its scheduler, so a test that passes a fake
     * one moves retries, heartbeats, checks and drills forward itself. When a part fails to start,
     * the parts already started are closed before the failure is thrown.
     *
     * @throws dev.postern.outbox.OutboxUnavailableException when the store cannot be opened
     */
    public static Gateway start(GatewayConfig config, GatewayRuntime runtime) {
        return start(config, runtime, SubscriptionConfirmer.http());
    }

    /**
     * As {@link #start(GatewayConfig, GatewayRuntime)}, confirming providers' webhook subscriptions
     * (Amazon SNS) through {@code confirmer}: tests pass one that reaches no AWS.
     */
    public static Gateway start(GatewayConfig config, GatewayRuntime runtime, SubscriptionConfirmer confirmer) {
        Closer parts = new Closer();
        try {
            return assemble(config, runtime, confirmer, parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** Builds and starts each part in dependency order, registering it with {@code parts} as it starts. */
    private static Gateway assemble(
            GatewayConfig config, GatewayRuntime runtime, SubscriptionConfirmer confirmer, Closer parts) {
        Clock clock = runtime.clock();
        ProviderStats stats = new ProviderStats();
        TrafficSeries traffic = new TrafficSeries(clock);
        DeliveryRates rates = new DeliveryRates(clock);
        Metrics metrics = new Metrics();
        DrillRecorder drillRecorder = new DrillRecorder();
        EventLog eventLog = new EventLog();
        AlertLedger alertLedger = new AlertLedger();
        ProviderAvailability availability = new ProviderAvailability();
        Postern.Builder builder = Postern.builder()
                .clock(clock)
                .scheduler(runtime.scheduler())
                .random(runtime.random())
                .eventExecutor(runtime.events())
                .routing(config.routing())
                .alerts(config.alerts());
        Map<String, Provider> byName = new LinkedHashMap<>();
        Map<String, Capabilities> capabilities = new LinkedHashMap<>();
        for (ProviderEntry entry : config.providers()) {
            Provider provider = entry.create();
            if (provider instanceof AutoCloseable closeable) {
                parts.push("provider " + entry.name(), provider, closeable);
            }
            byName.put(entry.name(), provider);
            capabilities.put(entry.name(), provider.capabilities());
        }

        // Listeners: everything that hears routing is attached here, each behind its own bounded
        // queue off the send path (the outbox adds its own when it opens; metrics count drops).
        List<String> providerNames =
                config.providers().stream().map(ProviderEntry::name).toList();
        builder.alertDeliveries(alertLedger)
                .incidentChanges(metrics.incidents(providerNames))
                .listener("metrics", metrics.events(providerNames))
                .listener("stats", stats)
                .listener("traffic", traffic)
                .listener("rates", rates)
                .listener("drills", drillRecorder)
                .listener("events", eventLog);
        for (ProviderEntry entry : config.providers()) {
            builder.provider(entry.name(), byName.get(entry.name()), entry.routing());
        }
        for (int i = 0; i < config.alertSinks().size(); i++) {
            AlertSinkConfig sink = config.alertSinks().get(i);
            builder.alert(alertLedger.named(
                    AlertSinks.name(i, sink),
                    metrics.sink(AlertSinks.type(sink), AlertSinks.create(sink, byName, availability))));
        }

        // Bound once the store is open; rate limits are shared only when the store is (PostgreSQL).
        ClusterBudget budget = new ClusterBudget();
        Postern postern = builder.sharedBudget(budget).build();
        parts.push("routing", postern, postern);
        availability.bind(postern);
        Outbox outbox = Outbox.open(config.outbox(), postern, clock, runtime.scheduler());
        parts.push("outbox", outbox, outbox);
        metrics.watch(postern, outbox);
        metrics.rates(providerNames, rates);
        outbox.cluster().ifPresent(budget::bind);
        // the heartbeat carries the id the dispatcher claims under, so the claims follow the heartbeat
        ClusterNode node = ClusterNode.start(outbox, postern, config.cluster(), clock, runtime.scheduler());
        parts.push("cluster node", node, node);
        ProviderViews views = ProviderViews.start(outbox.cluster(), postern, node, clock, runtime.scheduler());
        parts.push("provider views", views, views);
        DrillConfig drillConfig = config.drills().orElse(DrillConfig.DEFAULTS);
        Drills drills = Drills.open(new Drills.Parts(
                drillConfig,
                drillConfig.folder().orElseGet(() -> defaultDrillFolder(config)),
                postern,
                outbox,
                traffic,
                drillRecorder,
                alertLedger,
                clock, // drills.schedule is read in the clock's zone: the server's, on the system runtime
                runtime.scheduler(),
                runtime.random(),
                outbox.cluster(), // on a shared store, drills are the cluster's
                node.id()));
        // a provider out for a drill goes back into rotation before routing closes
        parts.push("drills", drills, drills);
        // one count of failed authentications per address, whether it guesses passwords or keys
        AuthThrottle throttle = new AuthThrottle(AuthThrottle.Policy.DEFAULTS, clock);
        InboundWebhooks inbound =
                deliveryEvents(config, byName, outbox, metrics, eventLog, rates, runtime, confirmer, parts);
        SmtpRelay smtp = SmtpRelay.start(
                config.smtp(),
                outbox,
                new Carriers(capabilities),
                config.suppressions().onSend() == SuppressionsConfig.OnSend.REFUSE,
                clock,
                runtime.scheduler(),
                throttle);
        parts.push("SMTP relay", smtp, smtp);
        HttpApi http = HttpApi.start(
                config,
                postern,
                outbox,
                eventLog,
                stats,
                rates,
                traffic,
                metrics,
                capabilities,
                node,
                views,
                drills,
                clock,
                throttle,
                inbound);
        // first to close: new requests are refused while those in progress get their answer
        parts.push("HTTP API", http, () -> http.close(SHUTDOWN_GRACE));
        Scheduler.Cancellable backlog =
                new BacklogWatch(config.backlog(), outbox, postern, clock).start(runtime.scheduler());
        parts.push("backlog watch", backlog, backlog::cancel);
        Scheduler.Cancellable rateWatch =
                new RateWatch(config.rates(), rates, postern, clock).start(runtime.scheduler());
        parts.push("rate watch", rateWatch, rateWatch::cancel);
        LOG.info(
                "Postern gateway {}: HTTP API at {}, SMTP relay on port {}, {} providers, store {}",
                node.id(),
                http.url(),
                smtp.port(),
                byName.size(),
                storeName(config));
        return new Gateway(postern, outbox, node, http, smtp, drills, parts);
    }

    /**
     * Delivery events: each provider's verifier by name, where verified events go (the store, then
     * metrics, the live stream and, when {@code events.webhook} is set, the outbound dispatcher).
     */
    private static InboundWebhooks deliveryEvents(
            GatewayConfig config,
            Map<String, Provider> providers,
            Outbox outbox,
            Metrics metrics,
            EventLog eventLog,
            DeliveryRates rates,
            GatewayRuntime runtime,
            SubscriptionConfirmer confirmer,
            Closer parts) {
        Map<String, EventWebhook> verifiers = new LinkedHashMap<>();
        providers.forEach((name, provider) -> provider.eventWebhook().ifPresent(w -> verifiers.put(name, w)));
        List<DeliveryEventListener> listeners = new ArrayList<>(List.of(metrics.webhooks(), eventLog, rates));
        metrics.webhooks().start(List.copyOf(providers.keySet()));
        metrics.webhooks().watchQueue(() -> outbox.events().deliveryDepth());
        Optional<EventsConfig.OutboundWebhook> webhook = config.events().webhook();
        if (webhook.isPresent()) {
            EventDispatcher dispatcher = new EventDispatcher(
                            outbox.events(),
                            webhook.get(),
                            runtime.clock(),
                            runtime.scheduler(),
                            outbox.instanceId(),
                            metrics.webhooks()::delivery)
                    .start();
            parts.push("event webhook", dispatcher, dispatcher);
            listeners.add(dispatcher);
        }
        return new InboundWebhooks(
                verifiers, new EventIntake(outbox.events(), webhook.isPresent(), listeners), confirmer);
    }

    /** {@code drills/} next to a SQLite store; {@code ./data/drills} otherwise. */
    private static Path defaultDrillFolder(GatewayConfig config) {
        String store = config.outbox().store();
        if (store.startsWith("sqlite:")) {
            Path parent = Path.of(store.substring("sqlite:".length()))
                    .toAbsolutePath()
                    .getParent();
            if (parent != null) {
                return parent.resolve("drills");
            }
        }
        return Path.of("data", "drills");
    }

    /** Where the HTTP API listens, with the real port (when configured as 0). */
    public URI httpUrl() {
        return http.url();
    }

    /** The port the SMTP relay listens on (the real one when configured as 0). */
    public int smtpPort() {
        return smtp.port();
    }

    /** This gateway among the others on its store (heartbeats, shared drains). */
    public ClusterNode cluster() {
        return node;
    }

    /** The routing facade, for status and operator actions. */
    public Postern postern() {
        return postern;
    }

    /** Failover drills: start, follow and abort them. */
    public Drills drills() {
        return drills;
    }

    /** The outbox behind the API. */
    public Outbox outbox() {
        return outbox;
    }

    /** Graceful shutdown; see the class comment. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Postern gateway shutting down");
        parts.close();
        LOG.info("Postern gateway stopped");
    }

    private static String storeName(GatewayConfig config) {
        String store = config.outbox().store();
        // a postgresql:// URL may carry a password; show only what it is
        return store.startsWith("sqlite:") ? store : store.substring(0, store.indexOf(':') + 1) + "//…";
    }
}

package dev.postern.server;

import dev.postern.Postern;
import dev.postern.alert.AlertSink;
import dev.postern.alert.EmailAlertSink;
import dev.postern.alert.LogAlertSink;
import dev.postern.alert.SlackAlertSink;
import dev.postern.alert.WebhookAlertSink;
import dev.postern.outbox.Outbox;
import dev.postern.provider.Capabilities;
import dev.postern.provider.Provider;
import dev.postern.routing.ProviderState;
import dev.postern.server.cluster.ClusterBudget;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.server.config.AlertSinkConfig;
import dev.postern.server.config.DrillConfig;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import dev.postern.server.drill.AlertLedger;
import dev.postern.server.drill.DrillRecorder;
import dev.postern.server.drill.Drills;
import dev.postern.server.http.EventLog;
import dev.postern.server.http.HttpApi;
import dev.postern.server.metrics.Metrics;
import dev.postern.server.smtp.SmtpRelay;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
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
    private final List<Provider> providers;
    private final Scheduler.Cancellable backlog;
    private final ClusterNode node;
    private final Drills drills;
    private boolean closed;

    private Gateway(
            Postern postern,
            Outbox outbox,
            ClusterNode node,
            HttpApi http,
            SmtpRelay smtp,
            List<Provider> providers,
            Scheduler.Cancellable backlog,
            Drills drills) {
        this.backlog = backlog;
        this.drills = drills;
        this.node = node;
        this.postern = postern;
        this.outbox = outbox;
        this.http = http;
        this.smtp = smtp;
        this.providers = providers;
    }

    /**
     * Builds everything {@code config} describes and starts listening.
     *
     * @throws dev.postern.outbox.OutboxUnavailableException when the store cannot be opened
     */
    public static Gateway start(GatewayConfig config) {
        ProviderStats stats = new ProviderStats();
        TrafficSeries traffic = new TrafficSeries(Clock.systemUTC());
        Metrics metrics = new Metrics();
        DrillRecorder drillRecorder = new DrillRecorder();
        EventLog eventLog = new EventLog();
        AlertLedger alertLedger = new AlertLedger();
        // Every observer is a listener, each behind its own bounded queue off the send path; the
        // outbox adds its own when it opens. Metrics count what each one drops.
        Postern.Builder builder = Postern.builder()
                .alertDeliveries(alertLedger)
                .routing(config.routing())
                .alerts(config.alerts())
                .listener(
                        "metrics",
                        metrics.events(config.providers().stream()
                                .map(ProviderEntry::name)
                                .toList()))
                .listener("stats", stats)
                .listener("traffic", traffic)
                .listener("drills", drillRecorder)
                .listener("events", eventLog);
        List<Provider> built = new ArrayList<>();
        Map<String, Provider> byName = new LinkedHashMap<>();
        Map<String, Capabilities> capabilities = new LinkedHashMap<>();
        for (ProviderEntry entry : config.providers()) {
            Provider provider = entry.create();
            built.add(provider);
            byName.put(entry.name(), provider);
            capabilities.put(entry.name(), provider.capabilities());
            builder.provider(entry.name(), provider, entry.routing());
        }
        AtomicReference<Postern> routing = new AtomicReference<>();
        for (int i = 0; i < config.alertSinks().size(); i++) {
            AlertSinkConfig sink = config.alertSinks().get(i);
            builder.alert(
                    alertLedger.named(sinkName(i, sink), metrics.sink(sinkType(sink), sink(sink, byName, routing))));
        }
        // Bound once the store is open; rate limits are shared only when the store is (PostgreSQL).
        ClusterBudget budget = new ClusterBudget();
        Postern postern = builder.sharedBudget(budget).build();
        routing.set(postern);
        Outbox outbox;
        try {
            outbox = Outbox.open(config.outbox(), postern);
        } catch (RuntimeException e) {
            postern.close();
            closeAll(built);
            throw e;
        }
        outbox.cluster().ifPresent(budget::bind);
        ClusterNode node = ClusterNode.start(outbox.cluster(), postern, Clock.systemUTC());
        DrillConfig drillConfig = config.drills().orElse(DrillConfig.DEFAULTS);
        Drills drills = Drills.open(new Drills.Parts(
                drillConfig,
                drillConfig.folder().orElseGet(() -> defaultDrillFolder(config)),
                postern,
                outbox,
                traffic,
                drillRecorder,
                alertLedger,
                Clock.systemDefaultZone(), // drills.schedule is in the server's time zone
                Scheduler.system(),
                RandomGenerator.getDefault()));
        HttpApi http;
        try {
            metrics.watch(postern, outbox);
            http = HttpApi.start(
                    config, postern, outbox, eventLog, stats, traffic, metrics, capabilities, node, drills);
        } catch (RuntimeException e) {
            drills.close();
            node.close();
            outbox.close();
            postern.close();
            closeAll(built);
            throw e;
        }
        SmtpRelay smtp;
        try {
            smtp = SmtpRelay.start(config.smtp(), outbox);
        } catch (RuntimeException e) {
            drills.close();
            http.close(SHUTDOWN_GRACE);
            node.close();
            outbox.close();
            postern.close();
            closeAll(built);
            throw e;
        }
        LOG.info(
                "Postern gateway {}: HTTP API at {}, SMTP relay on port {}, {} providers, store {}",
                node.id(),
                http.url(),
                smtp.port(),
                built.size(),
                storeName(config));
        Scheduler.Cancellable backlog =
                new BacklogWatch(config.backlog(), outbox, postern, Clock.systemUTC()).start(Scheduler.system());
        return new Gateway(postern, outbox, node, http, smtp, built, backlog, drills);
    }

    private static AlertSink sink(
            AlertSinkConfig sink, Map<String, Provider> providers, AtomicReference<Postern> routing) {
        return switch (sink) {
            case AlertSinkConfig.Log log -> new LogAlertSink();
            case AlertSinkConfig.Webhook hook -> new WebhookAlertSink(hook.url(), hook.secret());
            case AlertSinkConfig.Slack slack -> new SlackAlertSink(slack.url());
            // straight to the providers, past routing and the outbox, which may be what is in trouble
            case AlertSinkConfig.Email email ->
                new EmailAlertSink(
                        providers,
                        name -> usable(routing.get(), name),
                        email.from(),
                        email.to(),
                        EmailAlertSink.DEFAULT_TIMEOUT);
        };
    }

    /** How an operator recognises a sink in a drill report; never a URL's path, which may be its secret. */
    private static String sinkName(int index, AlertSinkConfig sink) {
        String what = switch (sink) {
            case AlertSinkConfig.Log log -> "log";
            case AlertSinkConfig.Webhook hook -> "webhook " + hostPort(hook.url());
            case AlertSinkConfig.Slack slack -> "slack " + hostPort(slack.url());
            case AlertSinkConfig.Email email -> "email " + String.join(",", email.to());
        };
        return what + " (alerts.sinks[" + index + "])";
    }

    private static String hostPort(URI url) {
        return url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
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

    private static boolean usable(Postern postern, String name) {
        return postern == null
                || postern.providers().stream()
                        .anyMatch(p -> p.name().equals(name) && p.state() == ProviderState.AVAILABLE);
    }

    private static String sinkType(AlertSinkConfig sink) {
        return switch (sink) {
            case AlertSinkConfig.Log log -> "log";
            case AlertSinkConfig.Webhook hook -> "webhook";
            case AlertSinkConfig.Slack slack -> "slack";
            case AlertSinkConfig.Email email -> "email";
        };
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
        backlog.cancel();
        drills.close(); // a provider out for a drill goes back into rotation
        http.close(SHUTDOWN_GRACE);
        smtp.close();
        node.close();
        outbox.close();
        postern.close();
        closeAll(providers);
        LOG.info("Postern gateway stopped");
    }

    private static void closeAll(List<Provider> providers) {
        for (Provider p : providers) {
            if (p instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing provider {} failed: {}", p.type(), e.toString());
                }
            }
        }
    }

    private static String storeName(GatewayConfig config) {
        String store = config.outbox().store();
        // a postgresql:// URL may carry a password; show only what it is
        return store.startsWith("sqlite:") ? store : store.substring(0, store.indexOf(':') + 1) + "//…";
    }
}

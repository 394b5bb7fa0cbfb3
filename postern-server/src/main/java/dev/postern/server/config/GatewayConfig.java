package dev.postern.server.config;

import dev.postern.alert.AlertConfig;
import dev.postern.outbox.OutboxConfig;
import dev.postern.routing.RoutingConfig;
import dev.postern.server.auth.ApiKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code postern serve} runs on, validated: what {@code postern.yml} says (see {@link
 * ConfigLoader}), or built in Java with {@link #of} and the {@code with…} methods (tests, the demo).
 *
 * @param outbox the store ({@code store}), retry schedule ({@code routing.retry}) and {@code
 *     routing.max_age}, with the outbox's own defaults for the rest
 * @param backlog when {@code backlog_high} is raised ({@code alerts.backlog})
 * @param rates when {@code bounce_rate_high} and {@code complaint_rate_high} are raised ({@code
 *     alerts.bounce_rate}, {@code alerts.complaint_rate}, {@code alerts.rate_min_sent})
 * @param drills failover drills' schedule and defaults ({@code drills}); empty: {@link DrillConfig#DEFAULTS}
 * @param cluster how instances on a shared store judge each other alive ({@code cluster})
 * @param events the public URL providers post events to and the outbound event webhook ({@code
 *     server.public_url}, {@code events})
 * @param suppressions what intake does with mail to suppressed addresses ({@code suppressions})
 */
public record GatewayConfig(
        HttpConfig http,
        SmtpRelayConfig smtp,
        List<ApiKey> apiKeys,
        RoutingConfig routing,
        OutboxConfig outbox,
        List<ProviderEntry> providers,
        AlertConfig alerts,
        List<AlertSinkConfig> alertSinks,
        BacklogConfig backlog,
        RateAlertConfig rates,
        Optional<DrillConfig> drills,
        ClusterConfig cluster,
        EventsConfig events,
        SuppressionsConfig suppressions) {

    public GatewayConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(smtp, "smtp");
        apiKeys = List.copyOf(apiKeys);
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(outbox, "outbox");
        providers = List.copyOf(providers);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("providers must list at least one provider");
        }
        Objects.requireNonNull(alerts, "alerts");
        alertSinks = List.copyOf(alertSinks);
        Objects.requireNonNull(backlog, "backlog");
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(drills, "drills");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(suppressions, "suppressions");
    }

    /** Default settings for everything but the providers; no API keys (so no {@code /v1} call passes). */
    public static GatewayConfig of(List<ProviderEntry> providers) {
        return new GatewayConfig(
                HttpConfig.DEFAULTS,
                SmtpRelayConfig.DEFAULTS,
                List.of(),
                RoutingConfig.DEFAULTS,
                OutboxConfig.DEFAULTS,
                providers,
                AlertConfig.DEFAULTS,
                List.of(new AlertSinkConfig.Log()),
                BacklogConfig.DEFAULTS,
                RateAlertConfig.DEFAULTS,
                Optional.empty(),
                ClusterConfig.DEFAULTS,
                EventsConfig.DEFAULTS,
                SuppressionsConfig.DEFAULTS);
    }

    public GatewayConfig withHttp(HttpConfig http) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withSmtp(SmtpRelayConfig smtp) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withApiKeys(List<ApiKey> apiKeys) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withRouting(RoutingConfig routing) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withOutbox(OutboxConfig outbox) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withAlertSinks(List<AlertSinkConfig> alertSinks) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withDrills(DrillConfig drills) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                Optional.of(drills),
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withCluster(ClusterConfig cluster) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withProviders(List<ProviderEntry> providers) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withEvents(EventsConfig events) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withSuppressions(SuppressionsConfig suppressions) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }

    public GatewayConfig withRates(RateAlertConfig rates) {
        return new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                alertSinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
    }
}

package dev.postern.server.config;

import dev.postern.alert.AlertConfig;
import dev.postern.outbox.OutboxConfig;
import dev.postern.routing.RoutingConfig;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.tls.TlsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code postern.yml} (docs/configuration.md) into a {@link GatewayConfig}: {@code ${ENV}} and {@code
 * ${ENV:-default}} substituted in values, every key checked, and every problem reported at once
 * with its path and line. Never throws for what the file says, and never puts a secret, or any
 * value taken from the environment, into a problem or warning.
 */
public final class ConfigLoader {
    private static final List<String> SECTIONS = List.of(
            "server",
            "store",
            "store_write_timeout",
            "retention",
            "auth",
            "routing",
            "providers",
            "alerts",
            "drills",
            "cluster",
            "events",
            "suppressions");

    private ConfigLoader() {}

    /** Loads {@code file} with the process environment. */
    public static ConfigReport load(Path file) {
        return load(file, System::getenv);
    }

    public static ConfigReport load(Path file, Function<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return failed("cannot read " + file + ": no such file");
        } catch (IOException e) {
            return failed("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, env);
    }

    /** Reads configuration text; {@code env} answers variable names (null when unset). */
    public static ConfigReport parse(String yaml, Function<String, String> env) {
        YamlTree tree = YamlTree.parse(yaml, env);
        if (tree.broken()) {
            return new ConfigReport(Optional.empty(), tree.problems.list(), List.of(), List.of());
        }
        Findings findings = new Findings();
        Section root = Section.root(tree);
        root.allow(SECTIONS.toArray(String[]::new));

        Section server = root.section("server");
        server.allow("http", "smtp", "tls", "public_url");
        Section auth = root.section("auth");
        auth.allow("api_keys", "smtp_users", "trusted_networks", "allow_open_relay");
        Section routingSection = root.section("routing");
        Section alertsSection = root.section("alerts");

        HttpConfig http = ServerSection.http(server);
        Optional<TlsFiles> tls = ServerSection.tls(server);
        SmtpRelayConfig smtp = ServerSection.smtp(server, auth, tls, findings);
        List<ApiKey> apiKeys = ServerSection.apiKeys(auth);
        RoutingConfig routing = RoutingSection.routing(routingSection, findings);
        OutboxConfig outbox = RoutingSection.outbox(root, routingSection);
        List<ProviderEntry> providers = ProviderSection.providers(root, findings);
        AlertConfig alerts = AlertsSection.alerts(alertsSection, findings);
        List<AlertSinkConfig> sinks = AlertsSection.sinks(alertsSection);
        BacklogConfig backlog = AlertsSection.backlog(alertsSection);
        RateAlertConfig rates = AlertsSection.rates(alertsSection);
        Optional<DrillConfig> drills = DrillsSection.drills(root, providers);
        ClusterConfig cluster = ClusterSection.cluster(root);
        EventsConfig events = EventsSection.events(root, server);
        SuppressionsConfig suppressions = SuppressionsSection.suppressions(root);

        if (tls.isPresent()) {
            if (!http.https()) {
                findings.notInEffect(
                        "server.tls",
                        "used for SMTP STARTTLS only: server.http.https is false, so the HTTP API serves plain HTTP");
            }
        }
        Warnings.add(findings, tree.problems, http, smtp, apiKeys, providers, sinks);
        Warnings.events(findings, tree.problems, providers, events);

        List<ConfigProblem> problems = tree.problems.list();
        if (!problems.isEmpty()) {
            return new ConfigReport(Optional.empty(), problems, findings.warnings, findings.notInEffect);
        }
        GatewayConfig config = new GatewayConfig(
                http,
                smtp,
                apiKeys,
                routing,
                outbox,
                providers,
                alerts,
                sinks,
                backlog,
                rates,
                drills,
                cluster,
                events,
                suppressions);
        return new ConfigReport(Optional.of(config), List.of(), findings.warnings, findings.notInEffect);
    }

    private static ConfigReport failed(String message) {
        return new ConfigReport(Optional.empty(), List.of(new ConfigProblem("", 0, message)), List.of(), List.of());
    }
}

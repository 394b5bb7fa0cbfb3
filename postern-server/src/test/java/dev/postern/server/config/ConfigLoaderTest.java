package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.EmailLimits;
import dev.postern.provider.emailr.EmailrConfig;
import dev.postern.provider.smtp.SmtpConfig;
import dev.postern.routing.AdaptiveSuspicion;
import dev.postern.routing.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private static final String KEY_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void exampleFileAtTheRepositoryRootLoadsWithoutProblems() {
        ConfigReport report = ConfigLoader.load(Path.of("..", "postern.example.yml"), name -> null);

        assertThat(report.problems()).isEmpty();
        GatewayConfig config = report.orThrow();
        assertThat(config.providers()).hasSize(8);
        assertThat(config.apiKeys()).extracting(k -> k.name()).containsExactly("shop", "ops");
        assertThat(config.smtp().users()).hasSize(1);
        assertThat(config.smtp().commandTimeout())
                .as("the example shows each key with its default")
                .isEqualTo(SmtpRelayConfig.DEFAULTS.commandTimeout());
        assertThat(config.outbox().maxAge()).isEqualTo(Duration.ofHours(72));
        assertThat(config.providers().getFirst().routing().rateLimit().perSecond())
                .isEqualTo(50);
        assertThat(config.routing().degradeOnFailover()).containsExactly(dev.postern.routing.Feature.TRACKING);
        assertThat(config.alerts()).isEqualTo(dev.postern.alert.AlertConfig.DEFAULTS);
        assertThat(config.backlog().depth()).isEqualTo(10_000);
        assertThat(config.backlog().oldestAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.alertSinks()).hasSize(4);
        assertThat(report.notInEffect())
                .noneMatch(n -> n.startsWith("drills"))
                .noneMatch(n -> n.startsWith("alerts.sinks"))
                .noneMatch(n -> n.startsWith("providers[0].rate_limit"))
                .noneMatch(n -> n.startsWith("routing.degrade_on_failover"));
    }

    @Test
    void incidentTimingsAndBacklogThresholdsAreReadAndChecked() {
        String yaml = """
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                alerts:
                  group_wait: 10s
                  resolve_after: 2m
                  rate_limited_for: 1m
                  backlog: { depth: 0, oldest_age: 2h, check: 10s, size: big }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "alerts.backlog.depth: must be > 0, but was 0 (line 8)",
                        "alerts.backlog.size: unknown key 'size'; alerts.backlog takes check, depth, oldest_age (line 8)");
        GatewayConfig valid = ConfigLoader.parse(yaml.replace("depth: 0, ", "").replace(", size: big", ""), n -> null)
                .orThrow();
        assertThat(valid.alerts())
                .isEqualTo(new dev.postern.alert.AlertConfig(
                        Duration.ofMinutes(30), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(1)));
        assertThat(valid.backlog()).isEqualTo(new BacklogConfig(10_000, Duration.ofHours(2), Duration.ofSeconds(10)));
    }

    @Test
    void bounceAndComplaintRateThresholdsAreReadAsPercentagesAndChecked() {
        String yaml = """
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                alerts:
                  bounce_rate: 150%
                  complaint_rate: lots
                  rate_min_sent: 0
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "alerts.bounce_rate: must be > 0% and <= 100%, but was '150%' (line 5)",
                        "alerts.complaint_rate: must be a percentage like 5% or 0.1%, but was 'lots' (line 6)",
                        "alerts.rate_min_sent: must be > 0, but was 0 (line 7)");
        GatewayConfig valid = ConfigLoader.parse(
                        yaml.replace("150%", "8%").replace("lots", "0.25%").replace("sent: 0", "sent: 200"), n -> null)
                .orThrow();
        assertThat(valid.rates()).isEqualTo(new RateAlertConfig(0.08, 0.0025, 200));
        assertThat(ConfigLoader.parse(
                                yaml.lines().limit(4).collect(java.util.stream.Collectors.joining("\n")), n -> null)
                        .orThrow()
                        .rates())
                .isEqualTo(RateAlertConfig.DEFAULTS);
    }

    @Test
    void theOldAggregationWindowIsAcceptedButSaidToBeNoLongerInEffect() {
        String yaml = """
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                alerts: { aggregate: 5m }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems()).isEmpty();
        assertThat(report.notInEffect()).anyMatch(n -> n.startsWith("alerts.aggregate: no longer used"));
    }

    @Test
    void retentionOfPayloadsAndRecordsIsReadAndRecordsMayNotEndFirst() {
        String yaml = """
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                retention: { payloads: 3d, records: 1d }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("retention.records: must be >= retention.payloads (3d) and >= the idempotency"
                        + " window (1d), but was 1d (line 4)");
        GatewayConfig valid = ConfigLoader.parse(yaml.replace("records: 1d", "records: 90d"), n -> null)
                .orThrow();
        assertThat(valid.outbox().retention()).isEqualTo(Duration.ofDays(3));
        assertThat(valid.outbox().recordRetention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void clusterDeadAfterIsReadAndKeptBetweenThreeHeartbeatsAndTenMinutes() {
        String yaml = """
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                cluster:
                  dead_after: 2s
                """;

        assertThat(ConfigLoader.parse(yaml, name -> null).problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("cluster.dead_after: must be 3s..10m, but was 2s (line 5)");
        assertThat(ConfigLoader.parse(yaml.replace("2s", "30s"), n -> null)
                        .orThrow()
                        .cluster())
                .isEqualTo(new ClusterConfig(Duration.ofSeconds(30)));
        assertThat(ConfigLoader.parse(yaml.replace("cluster:\n  dead_after: 2s\n", ""), n -> null)
                        .orThrow()
                        .cluster())
                .isEqualTo(ClusterConfig.DEFAULTS);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPathAndLine() {
        String yaml = """
                server:
                  http: { listen: nowhere, max_request_bytes: 10 }
                store: sqlite:/tmp/x.db
                routing:
                  strategy: fastest
                  max_attempts: 0
                  retry: { initial: 1m, max: 10s }
                providers:
                  - name: a
                    type: sendgrid
                    api_key: k1
                  - name: b
                    type: emailr
                    api_key: k2
                    weight: -3
                    colour: blue
                    timeouts: { connect: soon }
                  - name: c
                    type: carrier-pigeon
                alerts:
                  renotify: 10 minutes
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.valid()).isFalse();
        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .contains(
                        "providers[1].weight: must be > 0, but was -3 (line 15)",
                        "providers[1].colour: unknown key 'colour'; providers[1] takes api_key, base_url,"
                                + " capabilities, circuit_breaker, dkim_selectors, health_check, name, priority,"
                                + " rate_limit, spf_include, timeouts, type, weight (line 16)",
                        "routing.max_attempts: must be > 0, but was 0 (line 6)",
                        "alerts.renotify: must be a duration like 500ms, 5s, 10m, 72h or 7d, but was '10 minutes'"
                                + " (line 21)")
                .anyMatch(p -> p.startsWith("server.http.listen: ") && p.endsWith("(line 2)"))
                .anyMatch(p -> p.startsWith("server.http.max_request_bytes: must be >= 1024, but was 10")
                        && p.endsWith("(line 2)"))
                .anyMatch(p -> p.startsWith("routing.strategy: must be priority, weighted or primary_with_spillover"))
                .anyMatch(p -> p.startsWith("routing.retry.max: must be >= retry.initial (1m), but was 10s"))
                .anyMatch(p ->
                        p.startsWith("providers[1].timeouts.connect: must be a duration") && p.endsWith("(line 17)"))
                .anyMatch(p ->
                        p.startsWith("providers[2].type: must be one of smtp, sendgrid") && p.endsWith("(line 19)"));
    }

    @Test
    void adapterRulesAreReportedAtTheKeyTheyName() {
        String yaml = """
                providers:
                  - name: relay
                    type: smtp
                    host: smtp.example.com
                    port: 70000
                    tls: sometimes
                    username: app
                  - name: mg
                    type: mailgun
                    domain: not a domain
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .contains(
                        "providers[0].port: must be in 1..65535, but was 70000 (line 5)",
                        "providers[0].tls: must be one of none, starttls, implicit, but was 'sometimes' (line 6)",
                        "providers[0].password: is required (line 2)",
                        "providers[1].api_key: is required (line 8)");
    }

    @Test
    void postgresStoreTakesItsPasswordFromTheEnvironmentAndABadUrlIsReportedWithoutIt() {
        String providers = """
                providers:
                  - { name: primary, type: emailr, api_key: k }
                """;
        GatewayConfig config = ConfigLoader.parse(
                        "store: postgresql://postern:${PG_PASSWORD}@db:5432/postern\n" + providers,
                        Map.of("PG_PASSWORD", "pg-secret-77")::get)
                .orThrow();
        assertThat(config.outbox().store()).isEqualTo("postgresql://postern:pg-secret-77@db:5432/postern");

        ConfigReport report =
                ConfigLoader.parse("store: postgresql://postern:pg-secret-77@db:5432/\n" + providers, name -> null);
        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("store: must be postgresql://user@host:port/database, but the host or database")
                        .doesNotContain("pg-secret-77"));
    }

    @Test
    void storeWriteTimeoutIsReadAndAZeroOneIsAProblem() {
        String providers = """
                providers:
                  - { name: primary, type: emailr, api_key: k }
                """;
        assertThat(ConfigLoader.parse(providers, name -> null)
                        .orThrow()
                        .outbox()
                        .storeWriteTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(ConfigLoader.parse("store_write_timeout: 2s\n" + providers, name -> null)
                        .orThrow()
                        .outbox()
                        .storeWriteTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(ConfigLoader.parse("store_write_timeout: 0s\n" + providers, name -> null)
                        .problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("store_write_timeout: must be > 0"));
    }

    @Test
    void trackingIsDegradedOnFailoverByDefaultAndAnEmptyListTurnsThatOff() {
        String providers = "providers:\n  - { name: only, type: emailr, api_key: k }\n";

        assertThat(ConfigLoader.parse(providers, name -> null)
                        .orThrow()
                        .routing()
                        .degradeOnFailover())
                .containsExactly(dev.postern.routing.Feature.TRACKING);
        assertThat(ConfigLoader.parse("routing: { degrade_on_failover: [] }\n" + providers, name -> null)
                        .orThrow()
                        .routing()
                        .degradeOnFailover())
                .isEmpty();
    }

    @Test
    void routingDefaultCoolingIsReadDefaultsToThirtySecondsAndMustBePositive() {
        String providers = "providers:\n  - { name: only, type: emailr, api_key: k }\n";

        assertThat(ConfigLoader.parse(providers, name -> null)
                        .orThrow()
                        .routing()
                        .defaultCooling())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigLoader.parse("routing: { default_cooling: 5s }\n" + providers, name -> null)
                        .orThrow()
                        .routing()
                        .defaultCooling())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigLoader.parse("routing: { default_cooling: 0s }\n" + providers, name -> null)
                        .problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("routing.default_cooling: must be > 0"));
    }

    @Test
    void aProvidersMaxCooldownBoundsItsRetryAfterAndDefaultsToAnHour() {
        String yaml = """
                providers:
                  - { name: bounded, type: emailr, api_key: k, rate_limit: { max_cooldown: 10m } }
                  - { name: limited, type: emailr, api_key: k, rate_limit: { per_second: 5 } }
                  - { name: plain, type: emailr, api_key: k }
                """;
        GatewayConfig config = ConfigLoader.parse(yaml, name -> null).orThrow();
        assertThat(config.providers())
                .extracting(p -> p.routing().rateLimit().maxCooldown())
                .containsExactly(
                        java.time.Duration.ofMinutes(10), java.time.Duration.ofHours(1), java.time.Duration.ofHours(1));

        ConfigReport zero = ConfigLoader.parse(
                "providers:\n  - { name: p, type: emailr, api_key: k, rate_limit: { max_cooldown: 0s } }\n",
                name -> null);
        assertThat(zero.problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("providers[0].rate_limit.max_cooldown: must be > 0"));
    }

    @Test
    void environmentVariablesAreSubstitutedWithDefaultsAndUnsetOnesAreProblems() {
        String yaml = """
                store: ${STORE:-sqlite:./default.db}
                providers:
                  - name: primary
                    type: emailr
                    api_key: ${EMAILR_KEY}
                    base_url: http://127.0.0.1:${SIM_PORT}
                    weight: ${WEIGHT:-5}
                """;
        Map<String, String> env = Map.of("EMAILR_KEY", "live-secret-1", "SIM_PORT", "9999");

        GatewayConfig config = ConfigLoader.parse(yaml, env::get).orThrow();

        assertThat(config.outbox().store()).isEqualTo("sqlite:./default.db");
        EmailrConfig emailr =
                (EmailrConfig) config.providers().getFirst().adapter().config();
        assertThat(emailr.apiKey().value()).isEqualTo("live-secret-1");
        assertThat(emailr.baseUrl()).hasToString("http://127.0.0.1:9999");
        assertThat(config.providers().getFirst().routing().weight()).isEqualTo(5);

        ConfigReport unset = ConfigLoader.parse(yaml, name -> null);
        assertThat(unset.problems())
                .extracting(ConfigProblem::toString)
                .contains(
                        "providers[0].api_key: environment variable EMAILR_KEY is not set (write ${EMAILR_KEY:-default}"
                                + " for a default) (line 5)");
    }

    @Test
    void secretsAndValuesFromTheEnvironmentNeverAppearInProblemsOrWarnings() {
        String yaml = """
                auth:
                  api_keys:
                    - { name: pasted, key_sha256: pst_the-raw-key-itself, scopes: [send], sender_domains: ["*"] }
                providers:
                  - name: p
                    type: smtp
                    host: smtp.example.com
                    port: ${RELAY_PASSWORD}
                    tls: none
                    username: app
                    password: ${RELAY_PASSWORD}
                alerts:
                  sinks:
                    - { type: webhook, url: "${HOOK}", secret: "" }
                """;
        Map<String, String> env = Map.of("RELAY_PASSWORD", "hunter2-very-secret", "HOOK", "not a url sk_hook_secret");

        ConfigReport report = ConfigLoader.parse(yaml, env::get);

        String everything = String.join(
                        "\n",
                        report.problems().stream().map(ConfigProblem::toString).toList())
                + report.warnings()
                + report.notInEffect();
        assertThat(report.problems()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(everything)
                .contains("providers[0].port: must be a whole number, but was the value from the environment")
                .contains("auth.api_keys[0].key_sha256: must be 64 lower-case hex characters")
                .doesNotContain("hunter2")
                .doesNotContain("pst_the-raw-key-itself")
                .doesNotContain("sk_hook_secret");
    }

    @Test
    void duplicateKeysAndWrongShapesAreProblems() {
        String yaml = """
                routing:
                  max_attempts: 2
                  max_attempts: 3
                providers: emailr
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .contains(
                        "routing.max_attempts: is given twice (again at line 3) (line 2)",
                        "providers: must be a list, but was a string (line 4)");
    }

    @Test
    void maxRecipientsAboveWhatAnEmailTakesIsAProblemNamingFieldRuleAndValue() {
        String providers = """
                providers:
                  - { name: only, type: emailr, api_key: k }
                """;

        ConfigReport report = ConfigLoader.parse("server: { smtp: { max_recipients: 5000 } }\n" + providers, n -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("server.smtp.max_recipients: must be in 1.." + EmailLimits.MAX_RECIPIENTS
                        + ", but was 5000 (line 1)");
        assertThat(ConfigLoader.parse("server: { smtp: { max_recipients: 1000 } }\n" + providers, n -> null)
                        .orThrow()
                        .smtp()
                        .maxRecipients())
                .isEqualTo(1000);
    }

    @Test
    void brokenYamlIsOneProblemWithItsLine() {
        ConfigReport report = ConfigLoader.parse("server:\n  http: [unclosed\nstore: x\n", name -> null);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML: while parsing a flow sequence");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void valuesAreMappedToTheirRecords() {
        String yaml = """
                server:
                  http: { listen: "[::1]:0", max_request_bytes: 2048 }
                routing: { strategy: weighted, max_attempts: 2, on_ambiguous: defer, max_age: 2h }
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send, admin], sender_domains: [shop.example] }
                  trusted_networks: [10.0.0.0/8]
                providers:
                  - { name: relay, type: smtp, host: 127.0.0.1, port: 2525, tls: none,
                      circuit_breaker: { window: 10, minimum_calls: 4, open_duration: 500ms },
                      health_check: { interval: 5s } }
                  - { name: backup, type: emailr, api_key: k, rate_limit: { per_second: 5 } }
                alerts: { sinks: [ { type: log } ] }
                """.formatted(KEY_HASH);

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);
        GatewayConfig config = report.orThrow();

        assertThat(config.http().listen()).isEqualTo(new Listen("::1", 0));
        assertThat(config.http().maxRequestBytes()).isEqualTo(2048);
        assertThat(config.routing().strategy()).isEqualTo(Strategy.WEIGHTED);
        assertThat(config.outbox().maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(config.apiKeys().getFirst().senderDomains().allows("shop.example"))
                .isTrue();
        assertThat(config.smtp().trustedNetworks().cidrs()).containsExactly("10.0.0.0/8");
        ProviderEntry relay = config.providers().getFirst();
        assertThat(relay.adapter().config()).isInstanceOf(SmtpConfig.class);
        assertThat(relay.routing().priority()).isEqualTo(1);
        assertThat(relay.routing().breaker().openDuration()).isEqualTo(Duration.ofMillis(500));
        assertThat(relay.routing().healthCheck().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.providers().get(1).rateLimit().orElseThrow().perSecond())
                .hasValue(5);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void riskySettingsAreWarnedAbout() {
        String yaml = """
                server:
                  smtp: { listen: 0.0.0.0:2525 }
                providers:
                  - { name: only, type: emailr, api_key: k }
                """;

        List<String> warnings = ConfigLoader.parse(yaml, name -> null).warnings();

        assertThat(warnings)
                .anyMatch(w -> w.startsWith("only one provider is configured"))
                .anyMatch(w -> w.startsWith("alerts.sinks is empty"))
                .anyMatch(w -> w.contains("0.0.0.0:2525 is not loopback and server.tls is not set"))
                .anyMatch(w -> w.contains("0.0.0.0:2525 is not loopback and auth.smtp_users is empty"));
    }

    @Test
    void aMissingFileIsAProblemNotAnException() {
        ConfigReport report = ConfigLoader.load(Path.of("does-not-exist.yml"), name -> null);

        assertThat(report.problems()).singleElement().hasToString("cannot read does-not-exist.yml: no such file");
    }

    @Test
    void suspicionThresholdIsTakenFromTheTimeoutsAndMayNotExceedTheRequestTimeout() {
        String yaml = """
                providers:
                  - { name: a, type: emailr, api_key: k, timeouts: { request: 5s, suspect_after: 750ms } }
                  - { name: b, type: emailr, api_key: k, timeouts: { request: 1s, suspect_after: 3s } }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("providers[1].timeouts.suspect_after: must be <= timeouts.request (1000ms), but was"
                        + " 3000ms (line 3)");
        String fixed = yaml.replace("suspect_after: 3s", "suspect_after: 1s");
        GatewayConfig config = ConfigLoader.parse(fixed, name -> null).orThrow();
        assertThat(config.providers().get(0).routing().suspectAfter()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.providers().get(1).routing().suspectAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void adaptiveSuspicionIsOffUnlessAMultipleOfTheP99IsGiven() {
        String yaml = """
                providers:
                  - { name: a, type: emailr, api_key: k }
                  - { name: b, type: emailr, api_key: k, timeouts: { suspect_p99_multiple: 4, suspect_floor: 300ms } }
                  - { name: c, type: emailr, api_key: k, timeouts: { suspect_p99_multiple: -1, suspect_floor: 0s } }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "providers[2].timeouts.suspect_p99_multiple: must be in 0..1000, but was -1 (line 4)",
                        "providers[2].timeouts.suspect_floor: must be > 0, but was '0s' (line 4)");
        String valid = yaml.substring(0, yaml.indexOf("  - { name: c"));
        GatewayConfig config = ConfigLoader.parse(valid, name -> null).orThrow();
        assertThat(config.providers().get(0).routing().adaptiveSuspicion()).isEqualTo(AdaptiveSuspicion.OFF);
        assertThat(config.providers().get(1).routing().adaptiveSuspicion())
                .isEqualTo(new AdaptiveSuspicion(4, Duration.ofMillis(300)));
    }
}

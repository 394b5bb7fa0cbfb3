package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code alerts.sinks} entries of {@code type: pagerduty} and {@code type: opsgenie}. */
class PagingSinksConfigTest {
    private static final String PROVIDERS = """
            providers:
              - { name: only, type: emailr, api_key: k }
            """;

    private static ConfigReport parse(String sinks, Map<String, String> env) {
        return ConfigLoader.parse(PROVIDERS + "alerts:\n  sinks:\n" + sinks, env::get);
    }

    @Test
    void pagerDutyTakesARoutingKeyAndDefaultsToTheEventsApi() {
        GatewayConfig config = parse(
                        "    - { type: pagerduty, routing_key: \"${PD_KEY}\" }\n",
                        Map.of("PD_KEY", "R0123456789abcdef0123456789abcde"))
                .orThrow();

        assertThat(config.alertSinks())
                .containsExactly(new AlertSinkConfig.PagerDuty(
                        URI.create("https://events.pagerduty.com/v2/enqueue"), "R0123456789abcdef0123456789abcde"));
        assertThat(config.alertSinks().getFirst().toString()).doesNotContain("R0123456789abcdef");
    }

    @Test
    void opsgenieTakesAnApiKeyAndItsRegionOrAUrl() {
        GatewayConfig config = parse("""
                            - { type: opsgenie, api_key: "${OG_KEY}" }
                            - { type: opsgenie, api_key: "${OG_KEY}", region: eu }
                            - { type: opsgenie, api_key: "${OG_KEY}", url: "http://127.0.0.1:9999" }
                        """, Map.of("OG_KEY", "og-secret-key-123")).orThrow();

        assertThat(config.alertSinks())
                .containsExactly(
                        new AlertSinkConfig.Opsgenie(URI.create("https://api.opsgenie.com"), "og-secret-key-123"),
                        new AlertSinkConfig.Opsgenie(URI.create("https://api.eu.opsgenie.com"), "og-secret-key-123"),
                        new AlertSinkConfig.Opsgenie(URI.create("http://127.0.0.1:9999"), "og-secret-key-123"));
        assertThat(config.alertSinks().toString()).doesNotContain("og-secret-key-123");
    }

    @Test
    void aMissingKeyABadRegionOrAKeyWithALineBreakIsRefusedNamingTheKey() {
        ConfigReport report = parse("""
                    - { type: pagerduty }
                    - { type: opsgenie, region: mars, api_key: k }
                    - { type: opsgenie }
                    - { type: opsgenie, api_key: "${BROKEN}" }
                    - { type: pagerduty, routing_key: k, url: "not a url" }
                """, Map.of("BROKEN", "line\r\nX-Injected: yes"));

        assertThat(report.problems())
                .extracting(p -> p.path() + ": " + p.message())
                .contains(
                        "alerts.sinks[0].routing_key: is required",
                        "alerts.sinks[1].region: must be us or eu, but was 'mars'",
                        "alerts.sinks[2].api_key: is required",
                        "alerts.sinks[3].api_key: must not contain control characters (CR, LF, …)",
                        "alerts.sinks[4].url: must be an absolute http(s) URL");
        assertThat(report.problems().toString()).doesNotContain("X-Injected");
    }

    @Test
    void anUnknownSinkTypeNamesTheTypesThereAre() {
        ConfigReport report = parse("    - { type: pager }\n", Map.of());

        assertThat(report.problems())
                .extracting(ConfigProblem::message)
                .contains("must be log, webhook, slack, email, pagerduty or opsgenie, but was 'pager'");
    }
}

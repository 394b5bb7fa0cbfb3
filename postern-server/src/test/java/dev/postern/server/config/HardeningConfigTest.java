package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hardening keys: per-key request limits, the HTTP idle timeout, HTTPS and per-client SMTP sessions. */
class HardeningConfigTest {
    private static final String KEY_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void hardeningKeysAreReadIntoTheirRecords() {
        String yaml = """
                server:
                  http: { idle_timeout: 5s }
                  smtp: { max_connections: 40, max_connections_per_client: 3 }
                store: sqlite:./p.db
                auth:
                  api_keys:
                    - { name: shop, key_sha256: %s, scopes: [send], sender_domains: ["*"], rate_limit: { per_second: 20 } }
                providers:
                  - { name: only, type: emailr, api_key: k }
                """.formatted(KEY_HASH);

        GatewayConfig config = ConfigLoader.parse(yaml, n -> null).orThrow();

        assertThat(config.http().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.http().https()).isFalse();
        assertThat(config.apiKeys().getFirst().requestsPerSecond()).isEqualTo(20);
        assertThat(config.smtp().maxConnections()).isEqualTo(40);
        assertThat(config.smtp().maxConnectionsPerClient()).isEqualTo(3);
    }

    @Test
    void badHardeningValuesAreProblemsNamingTheirKeys() {
        String yaml = """
                server:
                  http: { idle_timeout: 10ms, https: true }
                  smtp: { max_connections: 4, max_connections_per_client: 9 }
                store: sqlite:./p.db
                auth:
                  api_keys:
                    - { name: a, key_sha256: %s, scopes: [send], sender_domains: ["*"], rate_limit: { per_second: 0 } }
                    - { name: b, key_sha256: %s, scopes: [send], sender_domains: ["*"], rate_limit: {} }
                providers:
                  - { name: only, type: emailr, api_key: k }
                """.formatted(KEY_HASH, KEY_HASH.replace('9', '8'));

        ConfigReport report = ConfigLoader.parse(yaml, n -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .anyMatch(p -> p.startsWith("server.http.idle_timeout: must be in 100ms..1h"))
                .anyMatch(p -> p.startsWith("server.http.https: needs server.tls"))
                .anyMatch(p -> p.startsWith("server.smtp.max_connections_per_client: must be in 1..4"))
                .anyMatch(p -> p.startsWith("auth.api_keys[0].rate_limit.per_second: must be > 0"))
                .anyMatch(p -> p.startsWith("auth.api_keys[1].rate_limit.per_second: is required"));
    }

    @Test
    void aCertificateMeansHttpsForTheApiUnlessTurnedOff() throws Exception {
        String cert = resource("tls/relay-test.crt");
        String key = resource("tls/relay-test.key");
        String yaml = """
                server:
                  tls: { cert: %s, key: %s }
                  %s
                store: sqlite:./p.db
                providers:
                  - { name: only, type: emailr, api_key: k }
                """;

        ConfigReport implied = ConfigLoader.parse(yaml.formatted(cert, key, ""), n -> null);
        ConfigReport plain = ConfigLoader.parse(yaml.formatted(cert, key, "http: { https: false }"), n -> null);

        assertThat(implied.orThrow().http().https()).isTrue();
        assertThat(implied.notInEffect()).isEmpty();
        assertThat(plain.orThrow().http().https()).isFalse();
        assertThat(plain.notInEffect()).anyMatch(n -> n.contains("plain HTTP"));
    }

    private static String resource(String name) throws java.net.URISyntaxException {
        return java.nio.file.Path.of(HardeningConfigTest.class
                        .getClassLoader()
                        .getResource(name)
                        .toURI())
                .toString();
    }
}

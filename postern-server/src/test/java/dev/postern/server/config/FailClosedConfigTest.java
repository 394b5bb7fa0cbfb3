package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settings that would expose keys, passwords or the relay to the network are refused at start,
 * naming the line and the explicit key that opts in; the same settings with the opt-in load.
 */
class FailClosedConfigTest {
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String PROVIDERS = """
            providers:
              - { name: a, type: emailr, api_key: k }
              - { name: b, type: emailr, api_key: k }
            """;

    @Test
    void aPlainHttpApiOffLoopbackIsRefusedNamingTheOptIn() {
        ConfigReport report = parse("""
                server:
                  http: { listen: 0.0.0.0:8025 }
                """);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("server.http.listen: 0.0.0.0:8025 is not loopback and the API would serve plain HTTP,"
                        + " so API keys would cross the network in clear: set server.tls (cert, key) to serve HTTPS,"
                        + " or set server.http.https: false when a TLS proxy in front ends TLS (line 2)");
    }

    @Test
    void aPlainHttpApiOffLoopbackLoadsWhenHttpsIsExplicitlyOff() {
        ConfigReport report = parse("""
                server:
                  http: { listen: 0.0.0.0:8025, https: false }
                """);

        assertThat(report.problems()).isEmpty();
        assertThat(report.orThrow().http().https()).isFalse();
    }

    @Test
    void plaintextSmtpAuthOffLoopbackIsRefusedNamingTheOptIn() {
        ConfigReport report = parse("""
                server:
                  smtp: { listen: 0.0.0.0:2525 }
                auth:
                  smtp_users:
                    - { username: app, password_sha256: %s, sender_domains: [shop.example] }
                """.formatted(HASH));

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("server.smtp.listen: 0.0.0.0:2525 is not loopback, auth.smtp_users is set and"
                        + " server.tls is not: AUTH would take passwords in clear: set server.tls (cert, key) for"
                        + " STARTTLS, or set server.smtp.allow_plaintext_auth: true (line 2)");
    }

    @Test
    void plaintextSmtpAuthOffLoopbackLoadsWithTheOptIn() {
        ConfigReport report = parse("""
                server:
                  smtp: { listen: 0.0.0.0:2525, allow_plaintext_auth: true }
                auth:
                  smtp_users:
                    - { username: app, password_sha256: %s, sender_domains: [shop.example] }
                """.formatted(HASH));

        assertThat(report.problems()).isEmpty();
        assertThat(report.warnings()).noneMatch(w -> w.contains("server.tls is not set"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/7", "::/0", "2000::/3"})
    void aTrustedNetworkThatCoversTheInternetIsRefusedNamingTheOptIn(String cidr) {
        ConfigReport report = parse("""
                auth:
                  trusted_networks: [10.0.0.0/8, "%s"]
                """.formatted(cidr));

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly("auth.trusted_networks[1]: " + cidr + " covers more than a /8 of IPv4 or a /16 of"
                        + " IPv6 (outside fc00::/7), which makes the relay open to much of the internet: list your"
                        + " own networks, or set auth.allow_open_relay: true (line 2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "2001:db8::/32", "::1/128"})
    void ownNetworksAreTrustedWithoutAnOptIn(String cidr) {
        ConfigReport report = parse("""
                auth:
                  trusted_networks: ["%s"]
                """.formatted(cidr));

        assertThat(report.problems()).isEmpty();
    }

    @Test
    void anOpenRelayLoadsOnlyWithTheOptIn() {
        ConfigReport report = parse("""
                auth:
                  trusted_networks: [0.0.0.0/0]
                  allow_open_relay: true
                """);

        assertThat(report.problems()).isEmpty();
        assertThat(report.orThrow().smtp().trustedNetworks().cidrs()).containsExactly("0.0.0.0/0");
        assertThat(report.warnings()).anyMatch(w -> w.contains("auth.allow_open_relay is true"));
    }

    private static ConfigReport parse(String yaml) {
        return ConfigLoader.parse(yaml + PROVIDERS, name -> null);
    }
}

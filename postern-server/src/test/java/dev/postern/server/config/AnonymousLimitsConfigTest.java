package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code server.smtp.anonymous}: the limits of SMTP clients that have not authenticated. */
class AnonymousLimitsConfigTest {
    private static final String PROVIDERS = """
            providers:
              - { name: only, type: emailr, api_key: k }
            """;

    @Test
    void defaultsAreThirtySecondsTwentyCommandsHalfTheSessionsAndSixtyConnectionsAMinute() {
        SmtpRelayConfig d = SmtpRelayConfig.DEFAULTS;

        assertThat(d.anonymous().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.anonymous().maxCommands()).isEqualTo(20);
        assertThat(d.maxAnonymousConnections()).isEqualTo(50);
        assertThat(d.withMaxConnections(8).maxAnonymousConnections()).isEqualTo(4);
        assertThat(d.withMaxConnections(1).maxAnonymousConnections()).isEqualTo(1);
        assertThat(d.anonymous().maxConnectionRatePerClient()).isEqualTo(60);
    }

    @Test
    void anonymousKeysAreReadIntoTheRelayConfig() {
        String yaml = """
                server:
                  smtp:
                    max_connections: 40
                    anonymous: { timeout: 10s, max_commands: 8, max_connections: 12, max_connection_rate_per_client: 5 }
                """ + PROVIDERS;

        SmtpRelayConfig smtp = ConfigLoader.parse(yaml, n -> null).orThrow().smtp();

        assertThat(smtp.anonymous()).isEqualTo(new AnonymousLimits(Duration.ofSeconds(10), 8, 12, 5));
        assertThat(smtp.maxAnonymousConnections()).isEqualTo(12);
    }

    @Test
    void badAnonymousValuesAreProblemsNamingTheirKeys() {
        String yaml = """
                server:
                  smtp:
                    max_connections: 10
                    anonymous: { timeout: 500ms, max_commands: 0, max_connections: 11, max_connection_rate_per_client: 0, idle: 1s }
                """ + PROVIDERS;

        ConfigReport report = ConfigLoader.parse(yaml, n -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .anyMatch(p -> p.startsWith("server.smtp.anonymous.timeout: must be in 1s..1h, but was '500ms'"))
                .anyMatch(p -> p.startsWith("server.smtp.anonymous.max_commands: must be > 0"))
                .anyMatch(p -> p.startsWith("server.smtp.anonymous.max_connections: must be in 1..10"))
                .anyMatch(p -> p.startsWith("server.smtp.anonymous.max_connection_rate_per_client: must be > 0"))
                .anyMatch(p -> p.startsWith("server.smtp.anonymous.idle: unknown key 'idle'"));
    }

    @Test
    void theRecordRefusesValuesOutOfRangeNamingTheKey() {
        AnonymousLimits d = AnonymousLimits.DEFAULTS;
        assertThatThrownBy(() -> new AnonymousLimits(Duration.ofMillis(10), 20, 0, 60))
                .hasMessage("anonymous.timeout must be in 1s..1h, but was PT0.01S");
        assertThatThrownBy(() -> d.withMaxConnectionRatePerClient(0))
                .hasMessage("anonymous.max_connection_rate_per_client must be in 1..100000, but was 0");
        assertThatThrownBy(() -> SmtpRelayConfig.DEFAULTS.withAnonymous(d.withMaxConnections(101)))
                .hasMessage("anonymous.max_connections must be in 1..100 (max_connections), or 0 for half of it,"
                        + " but was 101");
    }
}

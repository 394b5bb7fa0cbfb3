package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.Provider;
import dev.postern.provider.pigeon.Pigeon;
import dev.postern.provider.pigeon.PigeonConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A provider type the server was never told about ({@code pigeon}, declared only in
 * postern-providers' test jar with its own {@code META-INF/services} entry) is read from {@code
 * postern.yml} like the built-in ones: its keys, its rules, its messages with path and line.
 */
class ProviderTypeOnTheClassPathTest {

    @Test
    void aTypeOnlyATestJarDeclaresIsReadWithItsOwnKeysAndBuilt() {
        String yaml = """
                providers:
                  - name: post
                    type: pigeon
                    loft: home
                    birds: 2
                    timeouts: { request: 4s, flight: 3s }
                """;

        GatewayConfig config = ConfigLoader.parse(yaml, name -> null).orThrow();

        ProviderEntry entry = config.providers().getFirst();
        assertThat(entry.type()).isEqualTo("pigeon");
        assertThat(entry.adapter().config()).isEqualTo(new PigeonConfig("home", 2, Duration.ofSeconds(3)));
        Provider built = entry.create();
        assertThat(built).isInstanceOf(Pigeon.class);
        assertThat(built.type()).isEqualTo("pigeon");
    }

    @Test
    void itsProblemsAreReportedWithPathAndLine() {
        String yaml = """
                providers:
                  - name: post
                    type: pigeon
                    birds: 500
                    wings: 2
                    timeouts: { command: 3s }
                  - name: other
                    type: pigeon
                    loft: Home Loft
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "providers[0].loft: is required (line 2)",
                        "providers[0].birds: must be in 1..100, but was 500 (line 4)",
                        "providers[0].wings: unknown key 'wings'; providers[0] takes birds, capabilities,"
                                + " circuit_breaker, dkim_selectors, health_check, loft, name, priority, rate_limit,"
                                + " spf_include, timeouts, type, weight (line 5)",
                        "providers[0].timeouts.command: unknown key 'command'; providers[0].timeouts takes connect,"
                                + " flight, request, suspect_after, suspect_floor, suspect_p99_multiple (line 6)",
                        "providers[1].loft: must be a lower-case word, but was 'Home Loft' (line 9)");
    }

    @Test
    void anUnknownTypeListsItAmongTheTypes() {
        ConfigReport report = ConfigLoader.parse("providers:\n  - { name: post, type: owl }\n", name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("providers[0].type: must be one of smtp, sendgrid")
                .contains("pigeon")
                .endsWith("but was 'owl' (line 2)");
    }
}

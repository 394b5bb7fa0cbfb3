package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code config check} says besides the problem itself: the key meant, the right line, no echoes. */
class ConfigCheckHintsTest {
    private static ConfigReport parse(String yaml) {
        return ConfigLoader.parse(yaml, name -> null);
    }

    @Test
    void aMistypedKeyIsAnsweredWithTheNearestKeyThatSectionTakes() {
        ConfigReport report = parse("""
                routing: { max_atempts: 3 }
                providers:
                  - { name: only, type: emailr, api_key: k, circuit_breakr: { open_duration: 30s } }
                """);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "routing.max_atempts: unknown key 'max_atempts' (did you mean `max_attempts`?); routing takes "
                                + "default_cooling, degrade_on_failover, max_age, max_attempts, on_ambiguous, retry, "
                                + "strategy, tracking_url_prefixes (line 1)",
                        "providers[0].circuit_breakr: unknown key 'circuit_breakr' (did you mean `circuit_breaker`?); "
                                + report.problems().get(1).message().replaceFirst("^[^;]*; ", "")
                                + " (line 3)");
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoGuess() {
        ConfigReport report = parse("providers:\n  - { name: only, type: emailr, api_key: k }\ncolour: blue\n");

        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .startsWith("unknown key 'colour'; sections takes")
                        .doesNotContain("did you mean"));
    }

    @Test
    void aMistypedProviderTypeDoesNotAlsoWarnThatOnlyOneProviderIsConfigured() {
        ConfigReport report = parse("""
                providers:
                  - { name: first, type: emailr, api_key: k }
                  - { name: second, type: sendgird, api_key: k }
                """);

        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("providers[1].type"));
        assertThat(report.warnings()).noneMatch(w -> w.contains("only one provider"));
    }

    @Test
    void aSingleProviderWithoutErrorsIsStillWarnedAbout() {
        ConfigReport report = parse("providers:\n  - { name: only, type: emailr, api_key: k }\n");

        assertThat(report.warnings()).anyMatch(w -> w.startsWith("only one provider is configured"));
    }

    @Test
    void aTabInTheIndentationIsReportedOnItsOwnLine() {
        ConfigReport report = parse("store: sqlite:./p.db\nproviders:\n  - name: only\n\ttype: emailr\n");

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("not valid YAML");
            assertThat(p.line()).isEqualTo(4);
        });
    }
}

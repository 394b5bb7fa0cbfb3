package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code suppressions.on_send}: skip by default, refuse when asked, anything else a problem naming the key. */
class SuppressionsSectionTest {
    private static final String PROVIDERS = """
            providers:
              - { name: only, type: emailr, api_key: k }
            """;

    @Test
    void onSendIsSkipUnlessRefuseIsAsked() {
        assertThat(ConfigLoader.parse(PROVIDERS, n -> null)
                        .orThrow()
                        .suppressions()
                        .onSend())
                .isEqualTo(SuppressionsConfig.OnSend.SKIP);
        assertThat(ConfigLoader.parse("suppressions: { on_send: refuse }\n" + PROVIDERS, n -> null)
                        .orThrow()
                        .suppressions()
                        .onSend())
                .isEqualTo(SuppressionsConfig.OnSend.REFUSE);
    }

    @Test
    void anotherOnSendValueIsAProblemNamingTheKeyAndTheChoices() {
        ConfigReport report = ConfigLoader.parse("suppressions: { on_send: bounce }\n" + PROVIDERS, n -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .asString()
                .contains("suppressions.on_send", "must be skip or refuse", "bounce");
    }
}

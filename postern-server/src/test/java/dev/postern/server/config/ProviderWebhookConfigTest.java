package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code webhook} section of a provider entry: the key that verifies its delivery events. */
class ProviderWebhookConfigTest {
    private static final String SENDGRID_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1"
                    + "flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    @Test
    void eachProviderTypeTakesItsWebhookKeysFromTheEnvironmentAndOffersItsVerifier() {
        Map<String, String> env = Map.of(
                "SENDGRID_WEBHOOK_KEY", SENDGRID_KEY,
                "MAILGUN_SIGNING_KEY", "key-signing",
                "POSTMARK_HOOK_PASSWORD", "long-random-password",
                "HTTP_EVENTS_SECRET", "whsec-1");
        String yaml = """
                providers:
                  - { name: sg, type: sendgrid, api_key: k, webhook: { key: "${SENDGRID_WEBHOOK_KEY}" } }
                  - { name: mg, type: mailgun, api_key: k, domain: mg.example.com,
                      webhook: { key: "${MAILGUN_SIGNING_KEY}" } }
                  - { name: pm, type: postmark, api_key: k,
                      webhook: { user: postmark, password: "${POSTMARK_HOOK_PASSWORD}" } }
                  - { name: own, type: http, url: "https://mail.internal.example/send",
                      webhook: { key: "${HTTP_EVENTS_SECRET}" } }
                  - { name: plain, type: sendgrid, api_key: k }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, env::get);

        assertThat(report.problems()).isEmpty();
        assertThat(report.orThrow().providers())
                .extracting(p -> p.name() + " " + p.create().eventWebhook().isPresent())
                .containsExactly("sg true", "mg true", "pm true", "own true", "plain false");
        assertThat(report.orThrow().providers().toString()).doesNotContain("key-signing", "long-random-password");
    }

    @Test
    void aBadOrIncompleteWebhookSectionIsReportedAtItsKeyWithoutShowingTheValue() {
        String yaml = """
                providers:
                  - name: sg
                    type: sendgrid
                    api_key: k
                    webhook: { key: "c2VjcmV0LXZhbHVl" }
                  - name: pm
                    type: postmark
                    api_key: k
                    webhook: { user: postmark }
                  - name: mg
                    type: mailgun
                    api_key: k
                    domain: mg.example.com
                    webhook: { secret: x }
                  - name: er
                    type: emailr
                    api_key: k
                    webhook: { key: x }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .anyMatch(p -> p.startsWith("providers[0].webhook.key: must be the base64 verification key SendGrid"))
                .noneMatch(p -> p.contains("c2VjcmV0LXZhbHVl"))
                .anyMatch(p -> p.startsWith("providers[1].webhook.password: is required"))
                .anyMatch(p ->
                        p.startsWith("providers[2].webhook.secret: unknown key 'secret'") && p.contains("takes key"))
                .anyMatch(p -> p.startsWith("providers[3].webhook: unknown key 'webhook'"));
    }

    @Test
    void aShortWebhookSecretIsWarnedOfBecauseAForgedBounceSuppressesAddresses() {
        String yaml = """
                providers:
                  - { name: pm, type: postmark, api_key: k, webhook: { user: postmark, password: hunter2 } }
                  - { name: own, type: http, url: "https://mail.internal.example/send",
                      webhook: { key: "a-long-random-secret-of-40-characters-xx" } }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems()).isEmpty();
        assertThat(report.warnings())
                .filteredOn(w -> w.contains("webhook"))
                .containsExactly("providers[0].webhook.password is shorter than 16 characters: whoever guesses it"
                        + " can post bounces and complaints that suppress addresses; use a long random value");
    }
}

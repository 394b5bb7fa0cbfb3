package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code webhook} section of a provider entry: the key that verifies its delivery events. */
class ProviderWebhookConfigTest {
    private static final String SENDGRID_KEY =
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1"
                    + "flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";

    private static final String RESEND_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

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
                server: { public_url: https://mail.example.com }
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

    @Test
    void resendsSigningSecretAndSesTopicTurnTheirWebhooksOn() {
        String yaml = """
                providers:
                  - name: resend
                    type: resend
                    api_key: re_123
                    webhook: { key: "${RESEND_WEBHOOK_SECRET}" }
                  - name: ses
                    type: ses
                    region: eu-west-1
                    access_key_id: AKIAIOSFODNN7EXAMPLE
                    secret_access_key: secret
                    webhook: { topic_arn: "arn:aws:sns:eu-west-1:123456789012:ses-events" }
                  - name: plain
                    type: resend
                    api_key: re_456
                """;

        GatewayConfig config = ConfigLoader.parse(yaml, Map.of("RESEND_WEBHOOK_SECRET", RESEND_SECRET)::get)
                .orThrow();

        assertThat(config.providers())
                .extracting(entry -> entry.create().eventWebhook().isPresent())
                .containsExactly(true, true, false);
    }

    @Test
    void badValuesAndUnknownKeysAreReportedAtTheirPathWithoutShowingTheSecret() {
        String yaml = """
                providers:
                  - name: resend
                    type: resend
                    api_key: re_123
                    webhook: { key: "not-a-whsec-secret", topic_arn: x }
                  - name: ses
                    type: ses
                    region: eu-west-1
                    access_key_id: AKIAIOSFODNN7EXAMPLE
                    secret_access_key: secret
                    webhook: { topic_arn: "arn:aws:sqs:eu-west-1:123456789012:queue" }
                """;

        ConfigReport report = ConfigLoader.parse(yaml, name -> null);

        assertThat(report.problems())
                .extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("providers[0].webhook.topic_arn: unknown key 'topic_arn'"))
                .anySatisfy(p ->
                        assertThat(p).startsWith("providers[0].webhook.key: must be the endpoint's signing secret"))
                .anySatisfy(p -> assertThat(p).startsWith("providers[1].webhook.topic_arn: must be an SNS topic ARN"))
                .noneSatisfy(p -> assertThat(p).contains("not-a-whsec-secret"));
    }
}

package dev.postern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code webhook} mapping of a provider entry: the key its delivery-event webhook is verified with. */
class ProviderWebhookConfigTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

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

        GatewayConfig config = ConfigLoader.parse(yaml, Map.of("RESEND_WEBHOOK_SECRET", SECRET)::get)
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

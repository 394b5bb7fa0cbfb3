package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SesConfigTest {
    private static final Secret SECRET = new Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    @Test
    void defaultsAreTheRegionsEndpointAndDefaultTimeouts() {
        SesConfig config = SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", SECRET);

        assertThat(config.baseUrl()).isNull();
        assertThat(config.timeouts()).isEqualTo(Timeouts.DEFAULTS);
        assertThat(config.toString()).doesNotContain(SECRET.value());
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> SesConfig.of("Ireland", "AKIAIOSFODNN7EXAMPLE", SECRET))
                .hasMessageStartingWith("region must be an AWS region");
        assertThatThrownBy(() -> SesConfig.of("eu-west-1", " ", SECRET)).hasMessage("access_key_id must not be blank");
        assertThatThrownBy(() -> SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", null))
                .hasMessageStartingWith("secret_access_key");
        assertThatThrownBy(() -> SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", SECRET)
                        .withBaseUrl(URI.create("localhost:4566")))
                .hasMessageStartingWith("base_url must be an absolute http(s) URL");
        assertThatThrownBy(() -> SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", SECRET)
                        .withConfigurationSet(""))
                .hasMessageStartingWith("configuration_set");
    }

    @Test
    void theWebhookTopicMustBeAnSnsTopicArn() {
        SesConfig config = SesConfig.of("eu-west-1", "AKIAIOSFODNN7EXAMPLE", SECRET);

        assertThat(config.withWebhookTopicArn("arn:aws:sns:us-east-1:123456789012:ses-events")
                        .webhookRegion())
                .isEqualTo("us-east-1");
        assertThatThrownBy(() -> config.withWebhookTopicArn("arn:aws:sqs:us-east-1:123456789012:q"))
                .hasMessageStartingWith("webhook.topic_arn must be an SNS topic ARN");
        assertThatThrownBy(() -> config.withWebhookTopicArn("ses-events"))
                .hasMessageStartingWith("webhook.topic_arn must be an SNS topic ARN");
    }
}

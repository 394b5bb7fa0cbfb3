package dev.postern.provider.ses;

import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach Amazon SES (API v2) for one provider entry of {@code type: ses}. Validated once, on
 * construction; messages name the configuration key.
 *
 * @param region the AWS region whose SES endpoint is used, e.g. {@code eu-west-1} ({@code region})
 * @param accessKeyId the IAM access key id ({@code access_key_id}); an identifier, not a secret
 * @param secretAccessKey the IAM secret access key ({@code secret_access_key})
 * @param baseUrl an endpoint that replaces the region's ({@code base_url}), for tests and VPC
 *     endpoints; null for the region's own endpoint ({@code https://email.<region>.amazonaws.com},
 *     resolved by the AWS SDK, which also knows the partitions such as {@code amazonaws.com.cn})
 * @param timeouts connect and whole-request limits ({@code timeouts}); {@link Timeouts#DEFAULTS} when null
 * @param configurationSet the SES configuration set every send names ({@code configuration_set}),
 *     where event publishing and open/click tracking are set up; null for none
 * @param webhookTopicArn the SNS topic SES publishes its events to ({@code webhook.topic_arn}), the
 *     only one whose messages Postern takes; null when Postern does not take SES's events
 */
public record SesConfig(
        String region,
        String accessKeyId,
        Secret secretAccessKey,
        URI baseUrl,
        Timeouts timeouts,
        String configurationSet,
        String webhookTopicArn) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    /** {@code arn:<partition>:sns:<region>:<12-digit account>:<topic name>} (topic names: 1–256 of [A-Za-z0-9_-], .fifo). */
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    public SesConfig {
        Objects.requireNonNull(region, "region must be set");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "region must be an AWS region such as eu-west-1, but was '" + region + "'");
        }
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("access_key_id must not be blank");
        }
        if (!ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException(
                    "access_key_id must be 16 to 128 upper-case letters and digits (e.g. AKIA…), but was not");
        }
        Objects.requireNonNull(secretAccessKey, "secret_access_key must be set");
        if (baseUrl != null
                && (!baseUrl.isAbsolute()
                        || !(baseUrl.getScheme().equals("https")
                                || baseUrl.getScheme().equals("http"))
                        || baseUrl.getHost() == null)) {
            throw new IllegalArgumentException("base_url must be an absolute http(s) URL, but was " + baseUrl);
        }
        timeouts = timeouts == null ? Timeouts.DEFAULTS : timeouts;
        if (configurationSet != null && configurationSet.isBlank()) {
            throw new IllegalArgumentException("configuration_set must not be blank when given");
        }
        if (webhookTopicArn != null && !TOPIC_ARN.matcher(webhookTopicArn).matches()) {
            throw new IllegalArgumentException("webhook.topic_arn must be an SNS topic ARN such as"
                    + " arn:aws:sns:eu-west-1:123456789012:ses-events, but was '" + webhookTopicArn + "'");
        }
    }

    /** Without an SNS topic for events. */
    public SesConfig(
            String region,
            String accessKeyId,
            Secret secretAccessKey,
            URI baseUrl,
            Timeouts timeouts,
            String configurationSet) {
        this(region, accessKeyId, secretAccessKey, baseUrl, timeouts, configurationSet, null);
    }

    /** The region's own endpoint, default timeouts, no configuration set. */
    public static SesConfig of(String region, String accessKeyId, Secret secretAccessKey) {
        return new SesConfig(region, accessKeyId, secretAccessKey, null, null, null);
    }

    public SesConfig withBaseUrl(URI baseUrl) {
        return new SesConfig(
                region, accessKeyId, secretAccessKey, baseUrl, timeouts, configurationSet, webhookTopicArn);
    }

    public SesConfig withTimeouts(Timeouts timeouts) {
        return new SesConfig(
                region, accessKeyId, secretAccessKey, baseUrl, timeouts, configurationSet, webhookTopicArn);
    }

    public SesConfig withConfigurationSet(String configurationSet) {
        return new SesConfig(
                region, accessKeyId, secretAccessKey, baseUrl, timeouts, configurationSet, webhookTopicArn);
    }

    /** With the SNS topic whose SES events Postern takes ({@link SesProviders}). */
    public SesConfig withWebhookTopicArn(String webhookTopicArn) {
        return new SesConfig(
                region, accessKeyId, secretAccessKey, baseUrl, timeouts, configurationSet, webhookTopicArn);
    }

    /** The region of {@link #webhookTopicArn()}: where SNS signs and serves its certificates. */
    String webhookRegion() {
        return webhookTopicArn.split(":")[3];
    }
}

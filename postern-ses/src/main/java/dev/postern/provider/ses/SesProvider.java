package dev.postern.provider.ses;

import dev.postern.email.Email;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.Capabilities;
import dev.postern.provider.HealthResult;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderSuppressions;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.event.EventWebhook;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/**
 * Amazon SES through the AWS SDK's {@code SesV2Client}: {@code SendEmail} for sends, {@code
 * GetAccount} for health, {@code ListSuppressedDestinations} for {@code postern suppressions import}.
 * The SDK's retries are off, because Postern retries and fails over itself
 * and an SDK retry after an unanswered send could duplicate the message.
 */
final class SesProvider implements Provider, ProviderSuppressions {
    /** Open/click tracking belongs to the configuration set, not to a send: it cannot be switched per message. */
    static final Capabilities CAPABILITIES = Capabilities.builder()
            .tracking(false)
            .maxMessageBytes(40L * 1024 * 1024)
            .maxRecipients(50)
            .build();

    private final SesConfig config;
    private final SesV2Client client;
    private final Optional<EventWebhook> webhook;

    SesProvider(SesConfig config, Optional<EventWebhook> webhook) {
        this.config = config;
        this.webhook = webhook;
        SesV2ClientBuilder builder = SesV2Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.accessKeyId(), config.secretAccessKey().value())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.timeouts().connect())
                        .socketTimeout(config.timeouts().request())
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.timeouts().request())
                        .apiCallAttemptTimeout(config.timeouts().request()));
        if (config.baseUrl() != null) {
            builder.endpointOverride(config.baseUrl());
        }
        this.client = builder.build();
    }

    @Override
    public String type() {
        return SesType.NAME;
    }

    @Override
    public SendOutcome send(Email email, AttemptContext context) {
        Optional<String> unsendable = SesRequests.unsendable(email);
        if (unsendable.isPresent()) {
            return new SendOutcome.Rejected(unsendable.get());
        }
        try {
            SendEmailResponse response =
                    client.sendEmail(SesRequests.sendEmail(email, context.messageId(), config.configurationSet()));
            String id = response.messageId();
            return id == null || id.isBlank()
                    ? new SendOutcome.Ambiguous(
                            "SES answered " + response.sdkHttpResponse().statusCode() + " without a MessageId")
                    : new SendOutcome.Accepted(id);
        } catch (AwsServiceException e) {
            return SesClassifier.classify(
                    e.statusCode(),
                    e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            return SesFailures.classify(e);
        }
    }

    @Override
    public HealthResult checkHealth() {
        try {
            GetAccountResponse account = client.getAccount(r -> {});
            if (Boolean.FALSE.equals(account.sendingEnabled())) {
                return HealthResult.down("SES sending is disabled for this account (enforcement status "
                        + account.enforcementStatus() + ")");
            }
            return new HealthResult(true, account.productionAccessEnabled() == Boolean.FALSE ? "ok (sandbox)" : "ok");
        } catch (AwsServiceException e) {
            // Credential errors read "SES refused our credentials: …"; others name the status and code.
            return HealthResult.down(SesClassifier.classify(
                            e.statusCode(),
                            e.awsErrorDetails().errorCode(),
                            e.awsErrorDetails().errorMessage())
                    .detail());
        } catch (SdkException e) {
            return HealthResult.down(SesFailures.classify(e).detail());
        }
    }

    /** SES's events through SNS, when {@code webhook.topic_arn} is configured ({@link SnsWebhook}). */
    @Override
    public Optional<EventWebhook> eventWebhook() {
        return webhook;
    }

    /** The account-level suppression list ({@link SesSuppressions}), read with this adapter's client. */
    @Override
    public Optional<SuppressionSource> suppressionSource() {
        return Optional.of(new SesSuppressions(client));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String toString() {
        return "SesProvider[region=" + config.region() + ", endpoint="
                + (config.baseUrl() == null ? "default" : config.baseUrl()) + "]";
    }
}

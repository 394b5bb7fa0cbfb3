package dev.postern.provider.ses;

import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsResponse;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestinationSummary;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * The account-level suppression list of SES v2: {@code ListSuppressedDestinations} ({@code GET
 * /v2/email/suppression/addresses}), read with the SDK's paginator, which follows {@code NextToken}
 * until SES gives none. {@code BOUNCE} (SES lists only hard bounces) becomes {@code hard_bounce},
 * {@code COMPLAINT} {@code complaint}. See
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_ListSuppressedDestinations.html.
 */
final class SesSuppressions implements SuppressionSource {
    /**
     * Entries asked for per page. SES's API reference states no bound for {@code PageSize}; 1000
     * keeps each answer bounded and a large list to few requests.
     */
    static final int PAGE = 1000;

    private final SesV2Client client;

    /** {@code client} carries the adapter's timeouts and has its retries off. */
    SesSuppressions(SesV2Client client) {
        this.client = client;
    }

    @Override
    public long read(Consumer<ProviderSuppression> each) {
        long read = 0;
        try {
            for (ListSuppressedDestinationsResponse page :
                    client.listSuppressedDestinationsPaginator(r -> r.pageSize(PAGE))) {
                for (SuppressedDestinationSummary entry : page.suppressedDestinationSummaries()) {
                    String address = entry.emailAddress();
                    if (address == null || address.isBlank()) {
                        continue;
                    }
                    each.accept(new ProviderSuppression(
                            address, reason(entry), "", Optional.ofNullable(entry.lastUpdateTime())));
                    if (++read >= MAX_ENTRIES) {
                        // Also the guard against a NextToken that never ends.
                        throw new SuppressionSourceException("SES's list is longer than " + MAX_ENTRIES + " entries");
                    }
                }
            }
            return read;
        } catch (AwsServiceException e) {
            throw new SuppressionSourceException(SesClassifier.classify(
                            e.statusCode(),
                            e.awsErrorDetails().errorCode(),
                            e.awsErrorDetails().errorMessage())
                    .detail());
        } catch (SdkException e) {
            throw new SuppressionSourceException("SES's suppression list could not be read: "
                    + SesFailures.classify(e).detail());
        }
    }

    private static String reason(SuppressedDestinationSummary entry) {
        SuppressionListReason reason = entry.reason();
        if (reason == SuppressionListReason.BOUNCE) {
            return "hard_bounce";
        }
        if (reason == SuppressionListReason.COMPLAINT) {
            return "complaint";
        }
        // A reason this SDK does not know yet: kept in SES's words rather than dropped.
        String raw = entry.reasonAsString();
        return raw == null || raw.isBlank() ? "unknown" : raw;
    }
}

package dev.postern.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Email;
import dev.postern.email.Tracking;
import dev.postern.provider.transport.Correlation;
import dev.postern.provider.type.ProviderType;
import dev.postern.provider.type.ProviderTypes;
import dev.postern.sim.Fault;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.Simulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every provider adapter does, proven against its simulator: one test class per adapter
 * implements this interface (one shared contract per SPI).
 *
 * <p>Implementations start the simulator once per test class and build adapters with short
 * timeouts (2 s for an answer), so that hang tests are quick.
 */
public interface ProviderContract {

    /** The provider's simulator, started. */
    Simulator simulator();

    /** The adapter under test, pointed at {@link #simulator()} with credentials it accepts. */
    Provider adapter();

    /** The same adapter with credentials the simulator refuses. */
    Provider adapterWithBadCredentials();

    /** The secret {@link #adapter()} authenticates with (API key, password); it must never show. */
    String credential();

    /** The fault that stands for provider-side trouble (an HTTP 503 by default). */
    default Fault serverError() {
        return new Fault.Error(503);
    }

    /** The retry time the contract's {@code rate_limit} fault asks for; null when the provider states none. */
    default Duration statedRetryAfter() {
        return Duration.ofSeconds(7);
    }

    /** Whether the provider's API carries display names ({@code Name <a@b>}); emailr's takes bare addresses. */
    default boolean carriesDisplayNames() {
        return true;
    }

    /**
     * Whether the adapter knows when it hands a message over, so that an attempt to a provider that
     * never answered can be abandoned without risk of a duplicate ({@code Unavailable}). An adapter
     * that cannot tell must call it {@code Ambiguous}, the safe reading.
     */
    default boolean tracksHandOff() {
        return true;
    }

    /**
     * Whether the provider's API reports its rate budget in its send answers' headers (docs/providers.md):
     * then {@link Provider#rateLimit()} says what the latest answer said, else it stays unknown.
     */
    default boolean reportsRateLimit() {
        return false;
    }

    @BeforeEach
    default void resetSimulator() {
        simulator().fault(new Fault.Ok());
        if (Warm.CLASSES.add(getClass())) {
            // The first exchange of a JVM loads the HTTP client and the adapter's code: most of a
            // second on a loaded machine, which the contract's one-second timeouts must not pay.
            adapter().checkHealth();
        }
        simulator().clear();
    }

    /** The contract classes whose adapter has made one exchange before their first test. */
    final class Warm {
        static final java.util.Set<Class<?>> CLASSES = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private Warm() {}
    }

    /** A message that exercises what adapters must carry: attachment, non-ASCII text, header, metadata, tag. */
    static Email richEmail() {
        return Email.builder()
                .from("Ærøskøbing Shop <orders@shop.example>")
                .to("Zoë Ådahl <zoe@example.com>")
                .subject("Ihre Bestellung — 注文 №42 ✓")
                .text("Grüße aus Köln")
                .html("<p>Grüße aus <b>Köln</b></p>")
                .header("X-Campaign", "receipts")
                .metadata("order_id", "42")
                .tag("receipt")
                .tracking(Tracking.OFF)
                .attachment("Rechnung-ä.pdf", "application/pdf", "%PDF-1.4 fake ✓".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static AttemptContext context() {
        return new AttemptContext("01JCONTRACT0000000000000000", 1, true);
    }

    @Test
    default void acceptedSendReturnsTheProvidersMessageId() {
        SendOutcome outcome = adapter().send(richEmail(), context());

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(simulator().received())
                .singleElement()
                .extracting(ReceivedMessage::providerMessageId)
                .isEqualTo(((SendOutcome.Accepted) outcome).providerMessageId());
    }

    @Test
    default void everyAttemptCarriesPosternsMessageId() {
        adapter().send(richEmail(), context());

        ReceivedMessage received = simulator().received().getFirst();
        Capabilities capabilities = adapter().capabilities();
        if (capabilities.customHeaders()) {
            assertThat(received.header(Correlation.HEADER)).contains(context().messageId());
        }
        if (capabilities.metadata()) {
            assertThat(received.metadata())
                    .containsEntry(Correlation.METADATA_KEY, context().messageId());
            assertThat(received.metadata()).containsEntry("order_id", "42");
        }
        assertThat(capabilities.customHeaders() || capabilities.metadata())
                .as("the message id travels somewhere")
                .isTrue();
    }

    @Test
    default void ccAndBccArriveWhereTheProviderSupportsThem() {
        if (!adapter().capabilities().carbonCopies()) {
            return; // routing never sends such a message to this provider
        }
        Email email = richEmail().toBuilder()
                .cc("ops@example.com")
                .bcc("audit@example.com")
                .build();

        assertThat(adapter().send(email, context())).isInstanceOf(SendOutcome.Accepted.class);
        ReceivedMessage received = simulator().received().getFirst();
        assertThat(received.cc()).singleElement().asString().contains("ops@example.com");
        assertThat(received.bcc()).singleElement().asString().contains("audit@example.com");
    }

    @Test
    default void attachmentsAndNonAsciiSubjectsAndNamesSurviveTheRoundTrip() {
        adapter().send(richEmail(), context());

        ReceivedMessage received = simulator().received().getFirst();
        assertThat(received.subject()).isEqualTo("Ihre Bestellung — 注文 №42 ✓");
        assertThat(received.from()).contains("orders@shop.example");
        assertThat(received.to()).singleElement().asString().contains("zoe@example.com");
        if (carriesDisplayNames()) {
            assertThat(received.from()).contains("Ærøskøbing Shop");
            assertThat(received.to()).singleElement().asString().contains("Zoë Ådahl");
        }
        assertThat(received.text()).contains("Grüße aus Köln");
        assertThat(received.html()).contains("<b>Köln</b>");
        if (adapter().capabilities().customHeaders()) {
            if (adapter().capabilities().customHeaders()) {
                assertThat(received.header("X-Campaign")).contains("receipts");
            }
        }
        assertThat(received.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("Rechnung-ä.pdf");
            assertThat(a.contentType()).startsWith("application/pdf");
            assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 fake ✓");
        });
    }

    @Test
    default void providerDownIsUnavailable() {
        simulator().fault(new Fault.Down());

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Unavailable.class);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    default void providerHangingAfterTheRequestIsAmbiguousOnceTheTimeoutPasses() {
        simulator().fault(new Fault.Hang());

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Ambiguous.class);
    }

    @Test
    default void providerThatNeverAnswersAnythingIsUnavailableOnceTheTimeoutPasses() {
        // Over HTTP, the provider has answered 100 Continue before (docs/providers.md): only then is
        // its silence before the body known to be a hang rather than an endpoint ignoring Expect.
        Provider adapter = adapter();
        assertThat(adapter.send(richEmail(), context())).isInstanceOf(SendOutcome.Accepted.class);
        // accepts the connection, never greets (SMTP) nor answers 100 Continue (HTTP): the message
        // never left, so failing over cannot duplicate it
        simulator().fault(new Fault.HangGreeting());

        assertThat(adapter.send(richEmail(), context()))
                .isInstanceOf(tracksHandOff() ? SendOutcome.Unavailable.class : SendOutcome.Ambiguous.class);
    }

    @Test
    default void slowButInTimeIsAccepted() {
        simulator().fault(new Fault.Slow(Duration.ofMillis(100)));

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    default void serverErrorIsUnavailable() {
        simulator().fault(serverError());

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Unavailable.class);
    }

    @Test
    default void rateLimitIsRateLimitedWithTheStatedRetryTime() {
        simulator().fault(new Fault.RateLimit(Duration.ofSeconds(7)));

        SendOutcome outcome = adapter().send(richEmail(), context());

        assertThat(outcome).isInstanceOf(SendOutcome.RateLimited.class);
        assertThat(((SendOutcome.RateLimited) outcome).retryAfter()).isEqualTo(statedRetryAfter());
    }

    @Test
    default void rateLimitIsWhatTheLatestAnswerReportedOrUnknown() {
        Provider adapter = adapter();
        assertThat(adapter.rateLimit()).isEqualTo(RateLimitStatus.UNKNOWN);
        simulator().fault(new Fault.Budget(0, Duration.ofSeconds(30)));
        Instant before = Instant.now();

        assertThat(adapter.send(richEmail(), context())).isInstanceOf(SendOutcome.Accepted.class);

        RateLimitStatus status = adapter.rateLimit();
        if (!reportsRateLimit()) {
            assertThat(status).isEqualTo(RateLimitStatus.UNKNOWN);
            return;
        }
        assertThat(status.source()).isEqualTo(RateLimitStatus.Source.REPORTED);
        assertThat(status.remaining()).hasValue(0);
        assertThat(status.resetAt().orElseThrow())
                .isBetween(before.plusSeconds(29), Instant.now().plusSeconds(31));
    }

    @Test
    default void refusedCredentialsAreMisconfigured() {
        simulator().fault(new Fault.AuthFail());

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Misconfigured.class);
    }

    @Test
    default void wrongCredentialsAreMisconfiguredWithoutTheFault() {
        assertThat(adapterWithBadCredentials().send(richEmail(), context()))
                .isInstanceOf(SendOutcome.Misconfigured.class);
    }

    /**
     * A provider that refuses the recipients refuses the message for good, as a whole ({@code
     * Rejected}) or one recipient at a time ({@code RecipientsRefused}, every refusal permanent):
     * either way nothing is the provider's fault.
     */
    @Test
    default void rejectedRecipientIsRefusedForGood() {
        simulator().fault(new Fault.RejectRecipient());

        SendOutcome outcome = adapter().send(richEmail(), context());

        if (outcome instanceof SendOutcome.RecipientsRefused refused) {
            assertThat(refused.refused()).allMatch(RefusedRecipient::permanent);
        } else {
            assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        }
    }

    @Test
    default void unparseableAnswerIsNeverAccepted() {
        simulator().fault(new Fault.Garbage());

        assertThat(adapter().send(richEmail(), context())).isNotInstanceOf(SendOutcome.Accepted.class);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    default void connectionClosedAfterTheBodyIsAmbiguous() {
        simulator().fault(new Fault.ResetAfterBody());

        assertThat(adapter().send(richEmail(), context())).isInstanceOf(SendOutcome.Ambiguous.class);
    }

    @Test
    default void healthCheckPassesWhenTheProviderIsUp() {
        assertThat(adapter().checkHealth().healthy()).isTrue();
        assertThat(simulator().received()).isEmpty();
    }

    @Test
    default void healthCheckFailsWhenTheProviderIsDown() {
        simulator().fault(new Fault.Down());

        assertThat(adapter().checkHealth().healthy()).isFalse();
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    default void healthCheckOfAHangingProviderFailsWithinTheTimeout() {
        simulator().fault(new Fault.Hang());

        assertThat(adapter().checkHealth().healthy()).isFalse();
    }

    @Test
    default void healthCheckFailsWithBadCredentialsAndSaysSo() {
        HealthResult result = adapterWithBadCredentials().checkHealth();

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).containsIgnoringCase("credential");
    }

    @Test
    default void theCredentialNeverAppearsInDescriptionsOutcomesOrHealthDetails() {
        simulator().fault(new Fault.AuthFail());

        assertThat(adapter().toString()).doesNotContain(credential());
        assertThat(adapter().send(richEmail(), context()).detail()).doesNotContain(credential());
        assertThat(adapter().checkHealth().detail()).doesNotContain(credential());
    }

    @Test
    default void theAdaptersTypeIsInstalledAndDeclaresWhatTheAdapterCarries() {
        Optional<ProviderType<?>> type =
                ProviderTypes.installed().find(adapter().type());

        assertThat(type)
                .as("a ProviderType named '%s' in META-INF/services", adapter().type())
                .isPresent();
        assertThat(type.get().capabilities()).isEqualTo(adapter().capabilities());
    }
}

package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.AttemptContext;
import dev.postern.provider.Provider;
import dev.postern.provider.ProviderContract;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.Simulator;
import dev.postern.sim.ses.SesSimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SES adapter, through the real AWS SDK v2, against the SES simulator. */
class SesContractTest implements ProviderContract {
    private static final String AKID = "AKIAPOSTERNTEST00001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPOSTERNKEY";
    private static final SesSimulator SIM = new SesSimulator(0, AKID, SECRET).start();
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Provider ADAPTER = SesProviders.ses(config(AKID, SECRET));
    private static final Provider WRONG_SECRET =
            SesProviders.ses(config(AKID, "another/secret/key/of/forty/characters00"));

    private static SesConfig config(String akid, String secret) {
        return SesConfig.of("eu-west-1", akid, new Secret(secret))
                .withBaseUrl(SIM.baseUrl())
                .withTimeouts(SHORT);
    }

    /** The first call through the AWS SDK loads much of it: not within a 1 s test timeout on a busy machine. */
    @BeforeAll
    static void warmUp() {
        ADAPTER.checkHealth();
    }

    /**
     * The SDK's HTTP client sends headers and body at once and reports nothing in between: an
     * unanswered send may have reached SES.
     */
    @Override
    public boolean tracksHandOff() {
        return false;
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Override
    public Simulator simulator() {
        return SIM;
    }

    @Override
    public Provider adapter() {
        return ADAPTER;
    }

    @Override
    public Provider adapterWithBadCredentials() {
        return WRONG_SECRET;
    }

    @Override
    public String credential() {
        return SECRET;
    }

    /** SES states no retry time in its throttling answers. */
    @Override
    public Duration statedRetryAfter() {
        return null;
    }

    @Test
    void theSdkSignsEachSendWithSigV4ForSesInTheConfiguredRegion() {
        SendOutcome outcome = adapter().send(ProviderContract.richEmail(), new AttemptContext("01JSIGV4", 1, true));

        assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(SIM.verifiedAuthorizations())
                .singleElement()
                .asString()
                .matches("AWS4-HMAC-SHA256 Credential=" + AKID + "/\\d{8}/eu-west-1/ses/aws4_request, "
                        + "SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");
    }

    @Test
    void anUnknownAccessKeyIsMisconfigured() {
        Provider unknown = SesProviders.ses(config("AKIAUNKNOWN000000000", SECRET));

        SendOutcome outcome = unknown.send(ProviderContract.richEmail(), new AttemptContext("01JUNKNOWN", 1, true));

        assertThat(outcome).isInstanceOf(SendOutcome.Misconfigured.class);
        assertThat(outcome.detail()).contains("UnrecognizedClientException");
    }

    @Test
    void tagsAndTheConfigurationSetTravelAsSesFieldsAndNonAsciiHeadersAreEncoded() {
        Provider withSet = SesProviders.ses(config(AKID, SECRET).withConfigurationSet("receipts"));
        var email = ProviderContract.richEmail().toBuilder()
                .header("X-Note", "Grüße")
                .metadata("cart", "a.b@c")
                .build();

        assertThat(withSet.send(email, new AttemptContext("01JTAGS", 1, true)))
                .isInstanceOf(SendOutcome.Accepted.class);

        var received = SIM.received().getFirst();
        assertThat(received.header("X-Note")).contains("Grüße");
        assertThat(received.metadata())
                .containsEntry("tag_receipt", "true")
                .containsEntry("cart", "a_b_c")
                .containsEntry("postern_id", "01JTAGS");
    }
}

package dev.postern.provider.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postern.provider.ProviderSuppression;
import dev.postern.provider.ProviderSuppressions;
import dev.postern.provider.SuppressionSource;
import dev.postern.provider.SuppressionSourceException;
import dev.postern.provider.transport.Secret;
import dev.postern.provider.transport.Timeouts;
import dev.postern.sim.SeededSuppressions;
import dev.postern.sim.SeededSuppressions.Kind;
import dev.postern.sim.ses.SesSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account-level suppression list read through the real AWS SDK v2 from the SES simulator. */
class SesSuppressionsTest {
    private static final String AKID = "AKIAPOSTERNTEST00001";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPOSTERNKEY";
    private static final String WRONG = "another/secret/key/of/forty/characters00";
    private static final SesSimulator SIM = new SesSimulator(0, AKID, SECRET).start();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.250Z");

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @BeforeEach
    void empty() {
        SIM.suppressions().orElseThrow().clear();
        SIM.clear();
    }

    @Test
    void bouncesAndComplaintsAreReadAcrossPagesInPosternsWords() {
        SeededSuppressions list = SIM.suppressions().orElseThrow();
        list.add(IntStream.range(0, SesSuppressions.PAGE)
                .mapToObj(i -> new SeededSuppressions.Entry("b" + i + "@example.com", Kind.BOUNCE, "", AT))
                .toList());
        list.add(List.of(new SeededSuppressions.Entry("angry@example.com", Kind.COMPLAINT, "", AT)));
        List<ProviderSuppression> read = new ArrayList<>();

        long count = source(SECRET).read(read::add);

        assertThat(count).isEqualTo(SesSuppressions.PAGE + 1);
        assertThat(read.get(0))
                .isEqualTo(new ProviderSuppression("b0@example.com", "hard_bounce", "", Optional.of(AT)));
        assertThat(read.get(SesSuppressions.PAGE))
                .isEqualTo(new ProviderSuppression("angry@example.com", "complaint", "", Optional.of(AT)));
        // Two pages, each a signed request: the second carried SES's NextToken.
        assertThat(SIM.verifiedAuthorizations()).hasSize(2);
    }

    @Test
    void anEmptyListReadsNothing() {
        assertThat(source(SECRET).read(e -> {})).isZero();
    }

    @Test
    void refusedCredentialsFailTheReadWithoutTheSecret() {
        assertThatThrownBy(() -> source(WRONG).read(e -> {}))
                .isInstanceOf(SuppressionSourceException.class)
                .hasMessageContaining("SES refused our credentials")
                .hasMessageNotContaining(WRONG);
    }

    private static SuppressionSource source(String secret) {
        SesConfig config = SesConfig.of("eu-west-1", AKID, new Secret(secret))
                .withBaseUrl(SIM.baseUrl())
                .withTimeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10)));
        return ProviderSuppressions.of(SesProviders.ses(config)).orElseThrow();
    }
}

package dev.postern.degradation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.email.Email;
import dev.postern.provider.Capabilities;
import dev.postern.routing.Feature;
import dev.postern.routing.RoutingConfig;
import dev.postern.testing.Mail;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Adapting a message never throws: what cannot be adapted is an answer, for the attempt to record. */
class AdaptationTest {
    private final RoutingConfig degradeTracking =
            RoutingConfig.DEFAULTS.withDegradeOnFailover(Set.of(Feature.TRACKING));

    @Test
    void aFailureWhileAdaptingIsAnswerNamingItNotAnException() {
        Adaptation adaptation = new Adaptation(degradeTracking, html -> {
            throw new IllegalStateException("parser fell over");
        });
        Email email = Mail.receipt().toBuilder().html("<p>hi</p>").build();

        AdaptResult result = adaptation.adapt(email, Capabilities.FULL, false);

        assertThat(result)
                .isInstanceOfSatisfying(
                        Unadaptable.class,
                        u -> assertThat(u.reason())
                                .contains("IllegalStateException")
                                .contains("parser fell over"));
    }
}

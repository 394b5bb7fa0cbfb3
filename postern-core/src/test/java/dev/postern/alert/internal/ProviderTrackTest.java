package dev.postern.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.SendOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderTrackTest {
    @Test
    void aGoodAnswerLeavesNothingPendingFromBefore() {
        ProviderTrack track = new ProviderTrack();
        track.pending.attempt(new SendOutcome.Unavailable("HTTP 503"), Duration.ofMillis(900));
        track.pending.failedOver();
        track.pending.messageFailed();
        track.pending.rateLimited();

        track.answeredWell();

        assertThat(track.pending.counts()).isEqualTo(new Tally().counts());
        assertThat(track.pending.lastAnswer()).isEmpty();
    }

    @Test
    void latenciesBeforeAGoodAnswerDoNotCountInTheNextIncident() {
        ProviderTrack track = new ProviderTrack();
        for (int i = 0; i < 50; i++) {
            track.pending.attempt(new SendOutcome.Unavailable("timeout"), Duration.ofSeconds(5));
        }
        track.answeredWell();
        track.pending.attempt(new SendOutcome.Unavailable("HTTP 503"), Duration.ofMillis(40));

        Tally incident = new Tally();
        incident.absorb(track.takePending());

        assertThat(incident.counts())
                .containsEntry("attempts", 1L)
                .containsEntry("latency_max_ms", 40L)
                .containsEntry("latency_p99_ms", 40L);
        assertThat(incident.lastAnswer()).hasValueSatisfying(a -> assertThat(a).endsWith("HTTP 503"));
    }
}

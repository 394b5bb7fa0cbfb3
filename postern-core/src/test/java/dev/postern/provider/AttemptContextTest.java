package dev.postern.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttemptContextTest {
    private final AttemptContext context = new AttemptContext("m-1", 1, true);
    private final AtomicInteger stopped = new AtomicInteger();

    @Test
    void attemptWithoutCancelHookIsNeverCancelled() {
        assertThat(context.cancel()).isFalse();
        assertThat(context.cancelled()).isFalse();
    }

    @Test
    void cancelRunsHooksOnceAndRefusesALaterHandOver() {
        context.onCancel(stopped::incrementAndGet);
        context.phase(AttemptPhase.SENDING);

        assertThat(context.cancel()).isTrue();
        assertThat(context.cancel()).isFalse();
        assertThat(stopped).hasValue(1);
        assertThat(context.handedOver()).isFalse();
        assertThat(context.phase()).isEqualTo(AttemptPhase.SENDING);
    }

    @Test
    void handedOverAttemptCannotBeCancelled() {
        context.onCancel(stopped::incrementAndGet);

        assertThat(context.handedOver()).isTrue();

        assertThat(context.cancel()).isFalse();
        assertThat(stopped).hasValue(0);
        assertThat(context.phase()).isEqualTo(AttemptPhase.AWAITING_ANSWER);
    }

    @Test
    void onlyAHandedOverAttemptCanBeAbandonedAndItsHooksRunOnce() {
        context.onCancel(stopped::incrementAndGet);
        context.phase(AttemptPhase.SENDING);
        assertThat(context.abandon()).isFalse();

        assertThat(context.handedOver()).isTrue();

        assertThat(context.abandon()).isTrue();
        assertThat(context.abandon()).isFalse();
        assertThat(context.cancel()).isFalse();
        assertThat(stopped).hasValue(1);
        assertThat(context.abandoned()).isTrue();
        assertThat(context.cancelled()).isFalse();
    }

    @Test
    void attemptWithoutCancelHookIsNeverAbandoned() {
        context.handedOver();

        assertThat(context.abandon()).isFalse();
        assertThat(context.abandoned()).isFalse();
    }

    @Test
    void hookRegisteredAfterCancelRunsAtOnce() {
        context.onCancel(() -> {});
        context.cancel();

        context.onCancel(stopped::incrementAndGet);

        assertThat(stopped).hasValue(1);
    }

    @Test
    void phasesOnlyMoveForward() {
        context.phase(AttemptPhase.SENDING);
        context.phase(AttemptPhase.CONNECTING);
        assertThat(context.phase()).isEqualTo(AttemptPhase.SENDING);
    }

    @Test
    void progressIsNotPartOfEquality() {
        AttemptContext other = new AttemptContext("m-1", 1, true);
        context.handedOver();
        assertThat(context).isEqualTo(other).hasSameHashCodeAs(other);
    }
}

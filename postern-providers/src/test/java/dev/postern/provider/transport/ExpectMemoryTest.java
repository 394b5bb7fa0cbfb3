package dev.postern.provider.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.testing.FakeTime;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExpectMemoryTest {
    private static final URI HOOK = URI.create("https://hooks.shop.example/mail");

    private final FakeTime time = new FakeTime();
    private final ExpectMemory memory = new ExpectMemory(time);

    @Test
    void unknownEndpointWaitsForHundredContinueThenGoesWithout() {
        assertThat(memory.plan(HOOK)).isEqualTo(ExpectMemory.Plan.EXPECT_THEN_WITHOUT);
    }

    @Test
    void endpointThatAnsweredHundredContinueIsNeverTakenForOneThatIgnoresExpect() {
        memory.honoured(HOOK);
        memory.ignored(URI.create("https://hooks.shop.example:443/other-path")); // the same endpoint, slow once

        assertThat(memory.plan(HOOK)).isEqualTo(ExpectMemory.Plan.EXPECT);
        assertThat(memory.honours(HOOK)).isTrue();
    }

    @Test
    void endpointThatIgnoresExpectIsAskedWithItAgainAfterTenMinutes() {
        memory.ignored(HOOK);
        assertThat(memory.plan(HOOK)).isEqualTo(ExpectMemory.Plan.WITHOUT);

        time.advance(ExpectMemory.REPROBE.minus(Duration.ofSeconds(1)));
        assertThat(memory.plan(HOOK)).isEqualTo(ExpectMemory.Plan.WITHOUT);

        time.advance(Duration.ofSeconds(1));
        assertThat(memory.plan(HOOK)).isEqualTo(ExpectMemory.Plan.EXPECT_THEN_WITHOUT);
    }

    @Test
    void endpointsDifferBySchemeHostAndPort() {
        memory.honoured(HOOK);

        assertThat(memory.plan(URI.create("http://hooks.shop.example/mail")))
                .isEqualTo(ExpectMemory.Plan.EXPECT_THEN_WITHOUT);
        assertThat(memory.plan(URI.create("https://hooks.shop.example:8443/mail")))
                .isEqualTo(ExpectMemory.Plan.EXPECT_THEN_WITHOUT);
    }
}

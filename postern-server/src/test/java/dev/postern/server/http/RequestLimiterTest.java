package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.Scope;
import dev.postern.server.auth.SenderDomains;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aKeyGetsItsBurstThenWaitsForTheNextToken() {
        RequestLimiter limits = new RequestLimiter(now::get);
        ApiKey key = key("shop", 4);

        for (int i = 0; i < 4; i++) {
            assertThat(limits.take(key)).as("request %d", i).isEmpty();
        }
        assertThat(limits.take(key))
                .hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(250)));

        now.set(now.get().plusMillis(250));
        assertThat(limits.take(key)).isEmpty();
        assertThat(limits.take(key)).isPresent();
    }

    @Test
    void keysAreLimitedApartAndAnUnlimitedKeyNeverWaits() {
        RequestLimiter limits = new RequestLimiter(now::get);
        ApiKey noisy = key("noisy", 1);
        ApiKey quiet = key("quiet", 1);
        ApiKey free = key("free", 0);

        limits.take(noisy);
        assertThat(limits.take(noisy)).isPresent();
        assertThat(limits.take(quiet)).isEmpty();
        for (int i = 0; i < 1000; i++) {
            assertThat(limits.take(free)).isEmpty();
        }
    }

    private static ApiKey key(String name, int perSecond) {
        return new ApiKey(
                name,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                Set.of(Scope.SEND),
                new SenderDomains(List.of("*")),
                perSecond,
                false);
    }
}

package dev.postern.provider.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postern.provider.event.WebhookOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookChecksTest {
    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");

    @Test
    void aTimestampWithinFiveMinutesEitherSideIsFreshAndBeyondItIsStale() {
        assertThat(Freshness.judge(NOW.minusSeconds(300), NOW)).isEmpty();
        assertThat(Freshness.judge(NOW.plusSeconds(300), NOW)).isEmpty();
        assertThat(Freshness.judge(NOW.minusSeconds(301), NOW)).containsInstanceOf(WebhookOutcome.Stale.class);
        assertThat(Freshness.judge(NOW.plusSeconds(3600), NOW)).containsInstanceOf(WebhookOutcome.Stale.class);
    }

    @Test
    void onlyWholeEpochSecondsAreTimestamps() {
        assertThat(Freshness.epochSeconds("1600112502")).contains(Instant.ofEpochSecond(1600112502));
        assertThat(Freshness.epochSeconds("-5")).isEmpty();
        assertThat(Freshness.epochSeconds("1600112502.5")).isEmpty();
        assertThat(Freshness.epochSeconds("9999999999999999999")).isEmpty();
        assertThat(Freshness.epochSeconds(null)).isEmpty();
    }

    @Test
    void signaturesCompareEqualOnlyWhenEveryByteIsEqual() {
        assertThat(Signatures.same("abc", "abc")).isTrue();
        assertThat(Signatures.same("abc", "abd")).isFalse();
        assertThat(Signatures.same("abc", "abcd")).isFalse();
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedUnread() {
        assertThat(WebhookJson.read(new byte[WebhookJson.MAX_BODY_BYTES + 1]))
                .isEqualTo(new WebhookJson.Body.Unreadable("the body is over 1048576 bytes"));
        assertThat(WebhookJson.read(SignedRequests.utf8("{\"a\":")))
                .isEqualTo(new WebhookJson.Body.Unreadable("the body is not JSON"));
        assertThat(WebhookJson.read(SignedRequests.utf8("[".repeat(500) + "]".repeat(500))))
                .isInstanceOf(WebhookJson.Body.Unreadable.class);
    }

    @Test
    void digestIdsAreStableAndTellTheirPartsApart() {
        assertThat(EventIds.digest("Delivery", "m-1", "a@example.com"))
                .isEqualTo(EventIds.digest("Delivery", "m-1", "a@example.com"))
                .hasSize(64)
                .isNotEqualTo(EventIds.digest("Delivery", "m-1a", "@example.com"));
    }

    @Test
    void detailsJoinWhatIsGivenAndStayBounded() {
        assertThat(Details.of("550", null, " 5.1.1  unknown\nuser ", "")).isEqualTo("550: 5.1.1 unknown user");
        assertThat(Details.of("x".repeat(5000))).hasSize(Details.MAX_CHARS + 1);
    }
}

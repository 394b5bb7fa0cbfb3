package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.postern.email.Email;
import dev.postern.outbox.store.EmailJson;
import org.junit.jupiter.api.Test;

/**
 * Accepted means it can be sent: every message size the HTTP API takes, up to the limit, reads from
 * the API's JSON into the same {@link Email}, and reads back unchanged from the outbox's stored form
 * (QuickTheories, seeded so a failure replays). Big strings are where JSON readers set limits of
 * their own; Jackson's default stops at 20,000,000 characters, well below a 25 MiB message.
 */
class MessageSizePropertyTest {
    static final long SEED = 0xB16_2026L;
    /** Each case moves tens of megabytes; a few dozen cover the range without a slow build. */
    static final int CASES = 16;

    private static final String SUBJECT = "Sizes";

    @Test
    void everyMessageSizeUpToTheLimitReadsBackFromTheApiAndTheStoreUnchanged() {
        int largestAttachment = BigMessages.largestAttachment(SUBJECT, "x");
        qt().withFixedSeed(SEED)
                .withExamples(CASES)
                .withShrinkCycles(0)
                .forAll(integers().between(0, largestAttachment), integers().between(0, 1000))
                .checkAssert((attachmentBytes, textPermille) -> {
                    int text =
                            1 + (int) ((BigMessages.longestText(SUBJECT, attachmentBytes) - 1L) * textPermille / 1000);
                    roundTrip(BigMessages.email(
                            SUBJECT, BigMessages.text(text), BigMessages.bytes(attachmentBytes, attachmentBytes)));
                });
    }

    @Test
    void theLargestAttachmentReadsBackFromTheApiAndTheStoreUnchanged() {
        int largest = BigMessages.largestAttachment(SUBJECT, "x");

        roundTrip(BigMessages.email(SUBJECT, "x", BigMessages.bytes(largest, 1)));
    }

    @Test
    void theLongestTextReadsBackFromTheApiAndTheStoreUnchanged() {
        int longest = BigMessages.longestText(SUBJECT, 0);

        roundTrip(BigMessages.email(SUBJECT, BigMessages.text(longest), new byte[0]));
    }

    /** Compared with equals, not AssertJ's isEqualTo, which would print megabytes on a failure. */
    private static void roundTrip(Email email) {
        String sizes = "message of about " + email.sizeBytes() + " bytes, text "
                + email.text().length()
                + " characters, "
                + email.attachments().stream().mapToInt(a -> a.size()).sum()
                + " attachment bytes";
        Email fromApi = MessageReader.read(Json.parse(BigMessages.body(email)));
        assertThat(fromApi.equals(email)).as("read from the API: " + sizes).isTrue();
        Email fromStore = EmailJson.read(EmailJson.write(fromApi));
        assertThat(fromStore.equals(email))
                .as("read back from the store: " + sizes)
                .isTrue();
    }
}

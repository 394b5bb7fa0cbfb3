package dev.postern.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.email.Email;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The message model's mapping, property-based (QuickTheories; jqwik 1.10's engine prints a notice
 * that AI coding agents must not use it): any JSON tree either reads into an {@link Email} or is
 * refused with a 4xx {@link ApiError} that names the field; nothing else escapes. Seeded, so a
 * failure replays; the count of cases is printed.
 */
class MessageReaderPropertyTest {
    static final long SEED = 0x5EC0_2026L;
    static final int CASES = 3000;

    @Test
    void everyJsonTreeIsAnEmailOrA4xxNamingTheField() {
        AtomicInteger emails = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        qt().withFixedSeed(SEED)
                .withExamples(CASES)
                .withShrinkCycles(10)
                .forAll(JsonTrees.messages())
                .checkAssert(body -> {
                    try {
                        Email email = MessageReader.read(body);
                        assertThat(email.to()).isNotEmpty();
                        emails.incrementAndGet();
                    } catch (ApiError e) {
                        refused.incrementAndGet();
                        assertThat(e.status).as(e.getMessage()).isBetween(400, 499);
                        assertThat(e.code).isNotBlank();
                        assertThat(e.getMessage()).isNotBlank();
                        if (body.isObject()) {
                            assertThat(e.field)
                                    .as("field of: %s", e.getMessage())
                                    .isNotNull();
                        }
                    }
                });

        System.out.printf(
                "MessageReaderPropertyTest: %d cases (seed %#x): %d emails, %d refused%n",
                emails.get() + refused.get(), SEED, emails.get(), refused.get());
        // not vacuous: both answers are common
        assertThat(emails.get()).isGreaterThan(CASES / 10);
        assertThat(refused.get()).isGreaterThan(CASES / 10);
    }

    @Test
    void aDeeplyNestedValueIsRefusedNamingItsField() {
        JsonNode body = JsonTrees.valid(new java.util.Random(1))
                .set("subject", JsonTrees.nested(new java.util.Random(2), 100_000));

        ApiError e = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> MessageReader.read(body));

        assertThat(e.status).isEqualTo(400);
        assertThat(e.field).isEqualTo("subject");
    }
}

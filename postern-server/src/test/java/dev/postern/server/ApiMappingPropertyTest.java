package dev.postern.server;

import static dev.postern.server.TestGateway.ADMIN_KEY;
import static dev.postern.server.TestGateway.SEND_KEY;
import static dev.postern.server.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.server.http.JsonTrees;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API mapping, property-based over real HTTP (QuickTheories; jqwik 1.10's engine prints a
 * notice that AI coding agents must not use it): any generated body — structured, random, wrong
 * types, huge, deeply nested, cut short — sent to {@code POST /v1/messages} or the batch is
 * either accepted (202, and the message is stored under the id) or refused with a 4xx in the
 * error shape naming the field; never a 5xx. Seeded; the count of cases is printed.
 */
class ApiMappingPropertyTest {
    static final long SEED = 0xA91_2026L;
    /** Codes whose errors concern the whole body rather than one field of it. */
    static final Set<String> WHOLE_BODY = Set.of("invalid_json", "payload_too_large", "no_provider_can_carry");

    @TempDir
    static Path dir;

    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = new TestGateway(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void anyBodyIsQueuedOrA4xxNamingTheFieldNeverA5xx() {
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        qt().withFixedSeed(SEED)
                .withExamples(250)
                .withShrinkCycles(5)
                .forAll(JsonTrees.messages(), integers().between(0, 19))
                .checkAssert((body, variant) -> {
                    String text = switch (variant) {
                        case 0 -> cut(body.toString());
                        case 1 -> "{\"subject\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
                        default -> body.toString();
                    };
                    String key = variant % 2 == 0 ? ADMIN_KEY : SEND_KEY;
                    HttpResponse<String> answer = gw.post("/v1/messages", key, text);
                    if (answer.statusCode() == 202) {
                        queued.incrementAndGet();
                        assertStored(json(answer), key);
                    } else {
                        refused.incrementAndGet();
                        assertRefusalNamesTheField(answer, body.isObject() && variant > 1);
                    }
                });

        System.out.printf(
                "ApiMappingPropertyTest single: %d cases (seed %#x): %d queued, %d refused%n",
                queued.get() + refused.get(), SEED, queued.get(), refused.get());
        assertThat(queued.get()).isGreaterThan(25);
        assertThat(refused.get()).isGreaterThan(25);
    }

    @Test
    void anyBatchAnswersEachItemInOrderNeverA5xx() {
        AtomicInteger items = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        qt().withFixedSeed(SEED + 1)
                .withExamples(40)
                .withShrinkCycles(5)
                .forAll(integers().all())
                .checkAssert(seed -> {
                    batches.incrementAndGet();
                    Random r = new Random(seed);
                    ObjectNode batch = JsonNodeFactory.instance.objectNode();
                    ArrayNode messages = batch.putArray("messages");
                    for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
                        messages.add(JsonTrees.message(r.nextLong()));
                    }
                    HttpResponse<String> answer = gw.post("/v1/messages/batch", ADMIN_KEY, batch.toString());
                    if (answer.statusCode() != 200) {
                        assertRefusalNamesTheField(answer, true);
                        return;
                    }
                    JsonNode results = json(answer).get("results");
                    assertThat(results).hasSize(messages.size());
                    for (JsonNode result : results) {
                        items.incrementAndGet();
                        if (result.has("error")) {
                            JsonNode error = result.get("error");
                            assertThat(error.get("code").asText()).isNotBlank();
                            assertThat(error.get("field").isNull()
                                            && !WHOLE_BODY.contains(
                                                    error.get("code").asText()))
                                    .as("an item's error names its field: %s", error)
                                    .isFalse();
                        } else {
                            assertStored(result, ADMIN_KEY);
                        }
                    }
                });

        System.out.printf(
                "ApiMappingPropertyTest batch: %d batches (seed %#x), %d items%n",
                batches.get(), SEED + 1, items.get());
        assertThat(items.get()).isGreaterThan(batches.get());
    }

    private static void assertStored(JsonNode queued, String key) {
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        String id = queued.get("id").asText();
        HttpResponse<String> stored = gw.get("/v1/messages/" + id, key);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(json(stored).get("id").asText()).isEqualTo(id);
    }

    private static void assertRefusalNamesTheField(HttpResponse<String> answer, boolean bodyIsAnObject) {
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = json(answer).get("error");
        String code = error.get("code").asText();
        assertThat(code).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        if (bodyIsAnObject && !WHOLE_BODY.contains(code)) {
            assertThat(error.get("field").isTextual()).as(answer.body()).isTrue();
        }
    }

    /** The body cut off somewhere: malformed JSON. */
    private static String cut(String text) {
        return text.substring(0, text.length() / 2);
    }
}

package dev.postern.sim.resend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.http.SimResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resend's idempotency keys: the first successful answer to a key is kept for 24 h and returned
 * again for the same payload without sending anything; a different payload under the key is a 409
 * {@code invalid_idempotent_request}, a repeat while the first is still in progress a 409
 * {@code concurrent_idempotent_requests}. Failed answers are not kept, so a corrected retry works.
 */
final class ResendIdempotency {
    private static final Duration WINDOW = Duration.ofHours(24);

    /** A key's first request: its payload, and its answer once there is one (null while in progress). */
    private record Entry(JsonNode payload, SimResponse answer, Instant at) {}

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    ResendIdempotency(Clock clock) {
        this.clock = clock;
    }

    /** The answer to {@code payload} sent under {@code key}; {@code send} runs only for a fresh key. */
    SimResponse answer(String key, JsonNode payload, Supplier<SimResponse> send) {
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry != null && entry.at().plus(WINDOW).isAfter(clock.instant())) {
                if (!entry.payload().equals(payload)) {
                    return ResendSimulator.error(
                            409,
                            "invalid_idempotent_request",
                            "Same idempotency key used with a different request payload. Change your idempotency key or payload.");
                }
                if (entry.answer() == null) {
                    return ResendSimulator.error(
                            409,
                            "concurrent_idempotent_requests",
                            "Same idempotency key used while original request is still in progress. Try the request again later.");
                }
                return entry.answer();
            }
            entries.put(key, new Entry(payload, null, clock.instant()));
        }
        SimResponse answer = send.get();
        synchronized (this) {
            if (answer.status() == 200) {
                entries.put(key, new Entry(payload, answer, clock.instant()));
            } else {
                entries.remove(key);
            }
        }
        return answer;
    }

    synchronized void clear() {
        entries.clear();
    }
}

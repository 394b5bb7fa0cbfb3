package dev.postern.alert.internal;

import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What happened during an incident, in bounded space: counters, the slowest attempt, the p99 of
 * the last {@value #LATENCIES} attempts' latencies, and what the provider last answered.
 */
final class Tally {
    /** Latencies kept for the p99. */
    static final int LATENCIES = 1000;

    private static final int ANSWER_CHARS = 200;

    private long attempts;
    private long attemptsFailed;
    private long failedOver;
    private long messagesFailed;
    private long rateLimited;
    private long latencyMax;
    private final long[] latencies = new long[LATENCIES];
    private int next;
    private int size;
    private String lastAnswer;

    void attempt(SendOutcome outcome, Duration latency) {
        attempts++;
        long ms = latency.toMillis();
        latencyMax = Math.max(latencyMax, ms);
        latencies[next] = ms;
        next = (next + 1) % LATENCIES;
        size = Math.min(size + 1, LATENCIES);
        if (failed(outcome)) {
            attemptsFailed++;
            String answer = outcome.wireName() + ": " + outcome.detail();
            lastAnswer = answer.length() > ANSWER_CHARS ? answer.substring(0, ANSWER_CHARS) + "…" : answer;
        }
    }

    /** True for the answers that say the provider is in trouble, not the message. */
    static boolean failed(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Accepted a -> false;
            case SendOutcome.Rejected r -> false;
            case SendOutcome.RecipientsRefused r -> false;
            case SendOutcome.Unavailable u -> true;
            case SendOutcome.RateLimited r -> true;
            case SendOutcome.Misconfigured m -> true;
            case SendOutcome.Ambiguous a -> true;
        };
    }

    /** Back to a new Tally's state, keeping the latency array (entries past {@code size} are never read). */
    void clear() {
        attempts = 0;
        attemptsFailed = 0;
        failedOver = 0;
        messagesFailed = 0;
        rateLimited = 0;
        latencyMax = 0;
        next = 0;
        size = 0;
        lastAnswer = null;
    }

    void failedOver() {
        failedOver++;
    }

    void messageFailed() {
        messagesFailed++;
    }

    void rateLimited() {
        rateLimited++;
    }

    /** Adds {@code other}'s counts to these (what was seen before the incident opened). */
    void absorb(Tally other) {
        attempts += other.attempts;
        attemptsFailed += other.attemptsFailed;
        failedOver += other.failedOver;
        messagesFailed += other.messagesFailed;
        rateLimited += other.rateLimited;
        latencyMax = Math.max(latencyMax, other.latencyMax);
        for (int i = 0; i < other.size; i++) {
            latencies[next] = other.latencies[i];
            next = (next + 1) % LATENCIES;
            size = Math.min(size + 1, LATENCIES);
        }
        if (other.lastAnswer != null) {
            lastAnswer = other.lastAnswer;
        }
    }

    Optional<String> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    long failedOverCount() {
        return failedOver;
    }

    /** The counts as sinks show them, by their wire names, in a fixed order. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("messages_failed_over", failedOver);
        counts.put("messages_failed", messagesFailed);
        counts.put("attempts", attempts);
        counts.put("attempts_failed", attemptsFailed);
        counts.put("rate_limited", rateLimited);
        counts.put("latency_max_ms", latencyMax);
        counts.put("latency_p99_ms", p99());
        return counts;
    }

    private long p99() {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(latencies, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.99 * size) - 1;
        return sorted[Math.max(0, rank)];
    }
}

package dev.postern.server.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one phase of the demo did, for the summary: messages each provider took during it, and the
 * states the primary went through (each change once, in order).
 */
final class PhaseReport {
    private final DemoPhase phase;
    private final Map<String, Integer> atStart;
    private Map<String, Integer> latest;
    private final List<String> primaryStates = new ArrayList<>();

    PhaseReport(DemoPhase phase, Map<String, Integer> deliveredAtStart) {
        this.phase = phase;
        this.atStart = new LinkedHashMap<>(deliveredAtStart);
        this.latest = atStart;
    }

    /** One second of the phase: deliveries so far per provider (since the demo began), the primary's state now. */
    void record(Map<String, Integer> delivered, String primaryState) {
        latest = new LinkedHashMap<>(delivered);
        if (primaryStates.isEmpty()
                || !primaryStates.get(primaryStates.size() - 1).equals(primaryState)) {
            primaryStates.add(primaryState);
        }
    }

    /** The phase's heading, then {@code delivered: sendgrid 0, resend 40; sendgrid: healthy -> suspect}. */
    List<String> lines() {
        String delivered = latest.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() - atStart.getOrDefault(e.getKey(), 0)))
                .collect(Collectors.joining(", "));
        String states = primaryStates.isEmpty() ? "?" : String.join(" -> ", primaryStates);
        return List.of(phase.heading(), "  delivered: " + delivered + "; " + DemoProviders.PRIMARY + ": " + states);
    }
}

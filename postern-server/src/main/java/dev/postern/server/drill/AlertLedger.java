package dev.postern.server.drill;

import dev.postern.alert.AlertDelivery;
import dev.postern.alert.AlertSink;
import dev.postern.server.drill.DrillReport.AlertOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which alert reached which sink while a drill runs. Hand it to {@code
 * Postern.Builder.alertDeliveries}, and register each sink under a name an operator recognises
 * with {@link #named}; deliveries to unnamed sinks are ignored. Holds only the alerts raised since
 * the current drill started, so it stays small.
 */
public final class AlertLedger implements Consumer<AlertDelivery> {
    private record Key(dev.postern.alert.Alert alert, String sink) {}

    private final Map<AlertSink, String> names = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Key, AlertOutcome> outcomes = new LinkedHashMap<>();
    private Instant since;

    /** Returns {@code sink}, remembered under {@code name}. */
    public AlertSink named(String name, AlertSink sink) {
        names.put(sink, name);
        return sink;
    }

    /** Every named sink. */
    public List<String> sinks() {
        synchronized (names) {
            return List.copyOf(names.values());
        }
    }

    /** Starts recording, afresh, the deliveries of alerts raised at or after {@code since}. */
    synchronized void record(Instant since) {
        this.since = since;
        outcomes.clear();
    }

    synchronized void stop() {
        since = null;
        outcomes.clear();
    }

    /** What became of each alert at each sink so far, in the order they were first tried. */
    synchronized List<AlertOutcome> outcomes() {
        return new ArrayList<>(outcomes.values());
    }

    @Override
    public synchronized void accept(AlertDelivery delivery) {
        String sink = names.get(delivery.sink());
        if (since == null || sink == null || delivery.alert().at().isBefore(since)) {
            return;
        }
        AlertOutcome outcome = switch (delivery) {
            case AlertDelivery.Delivered d -> outcome(d, sink, AlertOutcome.State.DELIVERED, Optional.empty());
            case AlertDelivery.Retrying r -> outcome(r, sink, AlertOutcome.State.RETRYING, Optional.of(r.error()));
            case AlertDelivery.GaveUp g -> outcome(g, sink, AlertOutcome.State.GAVE_UP, Optional.of(g.error()));
        };
        outcomes.put(new Key(delivery.alert(), sink), outcome);
    }

    private static AlertOutcome outcome(
            AlertDelivery delivery, String sink, AlertOutcome.State state, Optional<String> error) {
        return new AlertOutcome(
                delivery.alert().event(), delivery.alert().at(), sink, state, delivery.attempt(), error);
    }
}

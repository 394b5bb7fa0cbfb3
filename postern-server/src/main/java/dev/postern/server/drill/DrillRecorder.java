package dev.postern.server.drill;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.provider.SendOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Watches every attempt while a drill runs, for what the per-second traffic series cannot tell:
 * the moment another provider first took a message, the moment the drilled provider took one back,
 * and which messages were delivered during the drill (for their latency). A listener of {@link
 * PosternEvent.Attempted}; it costs a volatile read when no drill runs. Attempts are dated when
 * they ended, so hearing one a moment late does not move it.
 */
public final class DrillRecorder implements EventListener {
    /** Messages remembered for latency per drill; beyond this the latencies are a sample. */
    static final int MAX_SAMPLES = 10_000;

    private volatile Watch watch;

    @Override
    public void on(PosternEvent event) {
        Watch w = watch;
        if (w != null && event instanceof PosternEvent.Attempted a && a.outcome() instanceof SendOutcome.Accepted) {
            w.accepted(a.name(), a.messageId(), a.at());
        }
    }

    void arm(String drilled) {
        watch = new Watch(drilled);
    }

    void restored(Instant at) {
        Watch w = watch;
        if (w != null) {
            w.restored(at);
        }
    }

    /** What was seen since {@link #arm}; empty when not armed. */
    Optional<Seen> seen() {
        Watch w = watch;
        return w == null ? Optional.empty() : Optional.of(w.seen());
    }

    void disarm() {
        watch = null;
    }

    /**
     * @param firstElsewhere when another provider first accepted a message while the drilled one was out
     * @param firstBack when the drilled provider first accepted a message after the restore
     * @param deliveredDuring ids of messages accepted while the drilled provider was out
     */
    record Seen(Optional<Instant> firstElsewhere, Optional<Instant> firstBack, List<String> deliveredDuring) {}

    private static final class Watch {
        private final String drilled;
        private Instant restoredAt;
        private Instant firstElsewhere;
        private Instant firstBack;
        private final List<String> deliveredDuring = new ArrayList<>();

        Watch(String drilled) {
            this.drilled = drilled;
        }

        synchronized void accepted(String provider, String messageId, Instant at) {
            // by when the attempt ended, not when it was heard: listeners hear it a moment later
            if (restoredAt == null || at.isBefore(restoredAt)) {
                if (!provider.equals(drilled) && firstElsewhere == null) {
                    firstElsewhere = at;
                }
                if (deliveredDuring.size() < MAX_SAMPLES) {
                    deliveredDuring.add(messageId);
                }
            } else if (provider.equals(drilled) && firstBack == null) {
                firstBack = at;
            }
        }

        synchronized void restored(Instant at) {
            restoredAt = at;
        }

        synchronized Seen seen() {
            return new Seen(
                    Optional.ofNullable(firstElsewhere), Optional.ofNullable(firstBack), List.copyOf(deliveredDuring));
        }
    }
}

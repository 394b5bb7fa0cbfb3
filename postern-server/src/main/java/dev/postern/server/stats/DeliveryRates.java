package dev.postern.server.stats;

import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.outbox.store.StoredEvent;
import dev.postern.provider.SendOutcome;
import dev.postern.provider.event.BounceKind;
import dev.postern.provider.event.DeliveryEventType;
import dev.postern.server.events.DeliveryEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each provider's hard-bounce and complaint rates over the last {@link #WINDOW}: hard bounces
 * (complaints) its webhook reported in the window ÷ messages it accepted in the window, for {@code
 * GET /v1/providers}, the gauges and {@code bounce_rate_high} / {@code complaint_rate_high}. A
 * listener of {@link PosternEvent.Attempted} (an accepted attempt counts as sent, when it ended) and
 * of stored delivery events (counted when received: replays are not stored, so not counted twice).
 * A time window rather than the last N messages, so that a rate falls back once bounces stop, even
 * on a provider that sends little. This instance's view: on a shared store each instance counts
 * what it sent and the webhooks it received.
 */
public final class DeliveryRates implements EventListener, DeliveryEventListener {
    /** How far back the rates reach. */
    public static final Duration WINDOW = Duration.ofHours(1);

    /** The window's slots: a minute each, so a count leaves the window within a minute of its hour. */
    private static final int SLOTS = 60;

    private static final long SLOT_SECONDS = WINDOW.toSeconds() / SLOTS;

    private final Clock clock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public DeliveryRates(Clock clock) {
        this.clock = clock;
    }

    /** Counts each accepted attempt as one message sent by its provider; other events are not its business. */
    @Override
    public void on(PosternEvent event) {
        if (event instanceof PosternEvent.Attempted a && a.outcome() instanceof SendOutcome.Accepted) {
            ring(a.name()).add(a.at(), Measure.SENT);
        }
    }

    /** Counts each hard bounce and complaint under the provider whose webhook reported it. */
    @Override
    public void recorded(List<StoredEvent> events) {
        for (StoredEvent e : events) {
            if (e.type() == DeliveryEventType.BOUNCED && e.bounce().equals(Optional.of(BounceKind.HARD))) {
                ring(e.provider()).add(e.receivedAt(), Measure.HARD_BOUNCED);
            } else if (e.type() == DeliveryEventType.COMPLAINED) {
                ring(e.provider()).add(e.receivedAt(), Measure.COMPLAINED);
            }
        }
    }

    /** Provider {@code name}'s counts and rates over the window ending now. */
    public Rates of(String name) {
        Ring ring = rings.get(name);
        return ring == null ? new Rates(WINDOW, 0, 0, 0) : ring.rates(clock.instant());
    }

    /**
     * One provider's window.
     *
     * @param sent messages the provider accepted
     * @param hardBounced hard bounces its webhook reported
     * @param complained spam complaints its webhook reported
     */
    public record Rates(Duration window, long sent, long hardBounced, long complained) {
        public Rates {
            if (sent < 0 || hardBounced < 0 || complained < 0) {
                throw new IllegalArgumentException("counts must be >= 0, but were sent " + sent + ", hard_bounced "
                        + hardBounced + ", complained " + complained);
            }
        }

        /** Hard bounces per message sent; 0 when nothing was sent (nothing to judge yet). */
        public double bounceRate() {
            return sent == 0 ? 0 : (double) hardBounced / sent;
        }

        /** Complaints per message sent; 0 when nothing was sent. */
        public double complaintRate() {
            return sent == 0 ? 0 : (double) complained / sent;
        }
    }

    private enum Measure {
        SENT,
        HARD_BOUNCED,
        COMPLAINED
    }

    private Ring ring(String provider) {
        return rings.computeIfAbsent(provider, p -> new Ring());
    }

    /** One slot per minute of the window; a slot is reused once its minute has left the window. */
    private static final class Ring {
        private final long[] minutes = new long[SLOTS];
        private final long[][] counts = new long[SLOTS][Measure.values().length];

        Ring() {
            java.util.Arrays.fill(minutes, Long.MIN_VALUE);
        }

        synchronized void add(Instant at, Measure measure) {
            long minute = Math.floorDiv(at.getEpochSecond(), SLOT_SECONDS);
            int slot = (int) Math.floorMod(minute, (long) SLOTS);
            if (minutes[slot] != minute) {
                if (minutes[slot] > minute) {
                    return; // older than what the slot holds now: already out of the window
                }
                minutes[slot] = minute;
                java.util.Arrays.fill(counts[slot], 0);
            }
            counts[slot][measure.ordinal()]++;
        }

        synchronized Rates rates(Instant now) {
            long current = Math.floorDiv(now.getEpochSecond(), SLOT_SECONDS);
            long[] sums = new long[Measure.values().length];
            for (int slot = 0; slot < SLOTS; slot++) {
                // the current minute and the 59 before it; a count stamped ahead of now is not yet in
                if (minutes[slot] > current - SLOTS && minutes[slot] <= current) {
                    for (int m = 0; m < sums.length; m++) {
                        sums[m] += counts[slot][m];
                    }
                }
            }
            return new Rates(
                    WINDOW,
                    sums[Measure.SENT.ordinal()],
                    sums[Measure.HARD_BOUNCED.ordinal()],
                    sums[Measure.COMPLAINED.ordinal()]);
        }
    }
}

package dev.postern.event;

import dev.postern.provider.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Something operators may want to know about, published to every {@link EventListener}. Events
 * are facts about the past; listening to them can never change or break delivery.
 */
public sealed interface PosternEvent {

    /** When it happened, on Postern's clock. */
    Instant at();

    /** The provider concerned, if the event is about one. */
    default Optional<String> provider() {
        return Optional.empty();
    }

    /** The event's name as used in alerts and the API: {@code failover}, {@code breaker_opened}, … */
    default String type() {
        return EventTypes.of(this);
    }

    /** A one-line explanation for humans. */
    String detail();

    /**
     * One attempt of message {@code messageId} at provider {@code name} ended with {@code outcome}
     * after {@code latency}. The one source for statistics, metrics and traffic charts; published
     * once the provider answered (or the attempt was cancelled), with what routing acts on.
     *
     * @param number the attempt's number among the message's attempts, from 1
     * @param degraded what was dropped from the message for this provider, by wire name, as in
     *     {@code Attempt#degraded}; empty when it went as given
     */
    record Attempted(
            Instant at,
            String messageId,
            int number,
            String name,
            SendOutcome outcome,
            Duration latency,
            List<String> degraded)
            implements PosternEvent {
        public Attempted {
            degraded = List.copyOf(degraded);
        }

        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return "attempt " + number + " of message " + messageId + " at " + name + ": " + outcome.wireName() + " in "
                    + latency.toMillis() + " ms";
        }
    }

    /** A message left {@code from} for {@code to} because of {@code reason}. */
    record Failover(Instant at, String messageId, String from, String to, String reason) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(from);
        }

        @Override
        public String detail() {
            return "message " + messageId + " failed over from " + from + " to " + to + ": " + reason;
        }
    }

    /** Active health probes failed often enough to take the provider out of rotation. */
    record ProviderUnhealthy(Instant at, String name, String reason) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return name + " is unhealthy: " + reason;
        }
    }

    /**
     * An attempt to the provider has been in flight for {@code oldest}, longer than its {@code
     * suspect_after}: new messages go elsewhere, and of the {@code inFlight} attempts, the {@code
     * cancelled} ones that had not handed their message over were cancelled and rerouted, and
     * (under {@code on_ambiguous: failover}) the {@code abandoned} ones that had were resolved as
     * ambiguous and rerouted as possible duplicates. Ends with {@link ProviderRecovered} when an
     * attempt completes normally or a health probe passes.
     */
    record ProviderSuspect(Instant at, String name, Duration oldest, int inFlight, int cancelled, int abandoned)
            implements PosternEvent {
        /** Nothing abandoned: {@code on_ambiguous: defer}, or no attempt was past hand-off. */
        public ProviderSuspect(Instant at, String name, Duration oldest, int inFlight, int cancelled) {
            this(at, name, oldest, inFlight, cancelled, 0);
        }

        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            String detail = name + " is suspect: an attempt has waited " + oldest.toMillis() + " ms; " + cancelled
                    + " of " + inFlight + " attempts in flight were not handed over and were rerouted";
            return abandoned == 0
                    ? detail
                    : detail + "; " + abandoned + " handed over were abandoned and rerouted as possible duplicates";
        }
    }

    /**
     * Health probes pass again, or a suspect provider answered; the provider is back in rotation
     * and deferred mail may flow.
     */
    record ProviderRecovered(Instant at, String name) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return name + " has recovered";
        }
    }

    /** The provider's circuit breaker opened: too many recent attempts failed or were slow. */
    record BreakerOpened(Instant at, String name, float failureRate, float slowCallRate) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return "circuit breaker of " + name + " opened (failure rate " + failureRate + " %, slow calls "
                    + slowCallRate + " %)";
        }
    }

    /** The provider's circuit breaker closed again after successful trial calls. */
    record BreakerClosed(Instant at, String name) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return "circuit breaker of " + name + " closed";
        }
    }

    /** The provider asked us to slow down; it cools down until {@code until}. */
    record RateLimited(Instant at, String name, Instant until, String reason) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return name + " is rate limiting until " + until + ": " + reason;
        }
    }

    /** The provider refused our credentials; it is out of rotation until a health check passes. */
    record Misconfigured(Instant at, String name, String reason) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return name + " is misconfigured: " + reason;
        }
    }

    /** No provider could take a message: every one is out of rotation or failed. */
    record AllProvidersDown(Instant at, String reason) implements PosternEvent {
        @Override
        public String detail() {
            return "no provider is available: " + reason;
        }
    }

    /** The outbox holds more, or older, mail than its configured thresholds. */
    record BacklogHigh(Instant at, long depth, Duration oldestAge) implements PosternEvent {
        @Override
        public String detail() {
            return depth + " messages waiting, oldest for " + oldestAge;
        }
    }

    /**
     * Provider {@code name}'s hard-bounce rate over the last {@code window} reached its alert
     * threshold: {@code bounced} hard bounces reported for {@code sent} messages it accepted. Repeated
     * at each check while it holds; a provider that bounces much is burning its sender reputation.
     */
    record BounceRateHigh(
            Instant at, String name, double rate, double threshold, long bounced, long sent, Duration window)
            implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return Rates.reached(name, "hard-bounce", rate, bounced, sent, window, threshold);
        }
    }

    /**
     * Provider {@code name}'s complaint rate over the last {@code window} reached its alert
     * threshold: {@code complained} spam complaints reported for {@code sent} messages it accepted.
     * Repeated at each check while it holds.
     */
    record ComplaintRateHigh(
            Instant at, String name, double rate, double threshold, long complained, long sent, Duration window)
            implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return Rates.reached(name, "complaint", rate, complained, sent, window, threshold);
        }
    }

    /** A message will not be delivered: rejected, or out of time and attempts. */
    record MessageFailed(Instant at, String messageId, String reason) implements PosternEvent {
        @Override
        public String detail() {
            return "message " + messageId + " failed: " + reason;
        }
    }

    /** An operator or the schedule took {@code name} out of rotation to prove failover works. */
    record DrillStarted(Instant at, String name, Duration duration) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return "failover drill on " + name + " started for " + duration;
        }
    }

    /** A drill ended and {@code name} is back in rotation. */
    record DrillFinished(Instant at, String name, String verdict) implements PosternEvent {
        @Override
        public Optional<String> provider() {
            return Optional.of(name);
        }

        @Override
        public String detail() {
            return "failover drill on " + name + " finished: " + verdict;
        }
    }
}

package dev.postern.internal;

import dev.postern.Attempt;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.degradation.internal.Adaptation;
import dev.postern.degradation.internal.Adapted;
import dev.postern.degradation.internal.Unadaptable;
import dev.postern.email.Email;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.Strategy;
import dev.postern.routing.internal.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message: asks the router for the providers to try and, for each in turn, adapts the
 * message to it, takes its rate-limit tokens, asks its breaker, sends (each part, when the
 * recipients had to be split) and applies each outcome to the provider, until the message is
 * settled or {@code max_attempts} providers were tried.
 *
 * <p>A message split into parts is delivered only when every part was accepted; recipients in
 * accepted parts are not sent to again when the rest fails over to another provider. Recipients a
 * provider refused one by one are settled by that answer: they neither fail over nor count against
 * the provider.
 */
public final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final List<ProviderRoute> routes;
    private final Router router;
    private final Adaptation adaptation;
    private final RoutingConfig config;
    private final Clock clock;
    private final EventListener events;
    private final Watchdog watchdog;

    public Dispatch(
            List<ProviderRoute> routes, RoutingConfig config, Clock clock, EventListener events, Watchdog watchdog) {
        this.routes = List.copyOf(routes);
        this.watchdog = watchdog;
        this.router = new Router(config.strategy());
        this.adaptation = new Adaptation(config);
        this.config = config;
        this.clock = clock;
        this.events = events;
    }

    public SendResult send(Email email, String messageId) {
        List<ProviderRoute> able =
                routes.stream().filter(r -> refusal(r, email) == null).toList();
        if (able.isEmpty()) {
            return finish(
                    messageId, Status.REJECTED, List.of(), "no configured provider can carry it: " + refusals(email));
        }
        List<ProviderRoute> candidates =
                router.order(able.stream().filter(ProviderRoute::routable).toList());
        Progress progress =
                new Progress(messageId, email, !candidates.isEmpty() && router.planned(candidates.getFirst(), able));
        for (ProviderRoute route : candidates) {
            if (progress.providersTried() == config.maxAttempts()) {
                break;
            }
            Status settled = tryProvider(route, progress);
            if (settled != null) {
                return finish(progress, settled, "");
            }
        }
        return giveUp(progress, able);
    }

    /** One provider's turn: the status that settles the message, or null to go on to the next. */
    private Status tryProvider(ProviderRoute route, Progress progress) {
        Adapted adapted = switch (adaptation.adapt(progress.remaining(), route.capabilities(), progress.planned())) {
            case Adapted a -> a;
            case Unadaptable u -> {
                notAdapted(route, progress, u);
                yield null;
            }
        };
        if (adapted == null) {
            return null;
        }
        int parts = adapted.parts().size();
        if (!route.tryTakeTokens(parts)) {
            passAtLimit(route, progress, parts);
            return null;
        }
        int sent = 0;
        Status settled = null;
        for (Email part : adapted.parts()) {
            if (!route.tryAcquire()) {
                break; // a half-open breaker whose trial calls are all taken
            }
            if (sent == 0) {
                announceFailover(route, progress);
            }
            AttemptContext context = progress.context(++sent, parts);
            Attempt attempt = attempt(route, part, context, adapted.degraded());
            if (context.cancelled() && !attempt.accepted()) {
                route.recordCancelled();
            } else {
                route.record(attempt.outcome(), attempt.latency());
            }
            progress.add(attempt, part);
            settled = settled(attempt.outcome());
            if (!attempt.answeredForRecipients()) {
                break;
            }
        }
        route.returnTokens(parts - sent);
        if (sent > 0) {
            progress.triedProvider();
        }
        if (progress.done()) {
            return progress.status();
        }
        if (settled == Status.REJECTED || settled == Status.DEFERRED) {
            return settled;
        }
        progress.leavePlan();
        return null;
    }

    /**
     * Records that nothing was sent to {@code route} because the message could not be adapted to
     * it: an {@code unavailable} attempt the user sees, charged to nobody (the provider was never
     * called, so neither its breaker nor its budget nor {@code max_attempts} counts it), and
     * routing goes on to the next provider.
     */
    private void notAdapted(ProviderRoute route, Progress progress, Unadaptable unadaptable) {
        Email remaining = progress.remaining();
        Attempt attempt = new Attempt(
                route.name(),
                clock.instant(),
                Duration.ZERO,
                new SendOutcome.Unavailable("not sent: the message could not be adapted to " + route.name() + " ("
                        + unadaptable.reason() + ")"),
                List.of(),
                remaining.allRecipients().size());
        progress.add(attempt, remaining);
        progress.leavePlan();
    }

    // Spillover plans for a full primary; under the other strategies passing it is a failover.
    private void passAtLimit(ProviderRoute route, Progress progress, int parts) {
        progress.passedAtLimit(route.name() + " (" + route.limits(parts) + ")");
        if (config.strategy() != Strategy.PRIMARY_WITH_SPILLOVER) {
            progress.leavePlan();
        }
    }

    private void announceFailover(ProviderRoute route, Progress progress) {
        if (progress.attempts().isEmpty()) {
            return;
        }
        Attempt previous = progress.attempts().getLast();
        // Recipients a provider answered for are not failed over: only a failed attempt is a failover.
        if (!previous.answeredForRecipients()) {
            events.on(new PosternEvent.Failover(
                    clock.instant(),
                    progress.messageId(),
                    previous.provider(),
                    route.name(),
                    previous.outcome().detail()));
        }
    }

    /** The status an outcome settles the message with, or null to try the next provider. */
    private Status settled(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Accepted a -> Status.DELIVERED;
            case SendOutcome.Rejected r -> Status.REJECTED;
            // The recipients are settled one by one (Progress#status); the others go on.
            case SendOutcome.RecipientsRefused r -> null;
            case SendOutcome.Ambiguous a -> config.onAmbiguous() == OnAmbiguous.DEFER ? Status.DEFERRED : null;
            case SendOutcome.Unavailable u -> null;
            case SendOutcome.RateLimited r -> null;
            case SendOutcome.Misconfigured m -> null;
        };
    }

    private Attempt attempt(ProviderRoute route, Email email, AttemptContext context, List<String> degraded) {
        Instant start = clock.instant();
        SendOutcome outcome;
        InFlight.Entry inFlight = route.started(context, email.sizeBytes());
        watchdog.arm();
        try {
            outcome = route.provider().send(email, context);
            if (outcome == null) {
                outcome = new SendOutcome.Unavailable("adapter returned no outcome");
            }
        } catch (RuntimeException e) {
            // Adapters must not throw; if one does, the message still gets its next provider.
            LOG.error("provider {} threw instead of returning an outcome", route.name(), e);
            outcome = new SendOutcome.Unavailable(
                    "adapter failed: " + e.getClass().getSimpleName());
        } finally {
            route.ended(inFlight);
        }
        Duration latency = Duration.between(start, clock.instant());
        boolean abandoned = context.abandoned() && !(outcome instanceof SendOutcome.Accepted);
        if (context.cancelled() && !(outcome instanceof SendOutcome.Accepted)) {
            // Cancelled before hand-off: whatever the broken I/O looked like, nothing was handed over.
            outcome = new SendOutcome.Unavailable("cancelled: " + route.name() + " suspect (no answer within "
                    + route.suspectAfter().toMillis() + " ms), nothing was handed over");
        } else if (abandoned) {
            // Abandoned after hand-off: the provider may have it, whatever the stopped I/O looked like.
            outcome = new SendOutcome.Ambiguous("abandoned: " + route.name() + " suspect (no answer within "
                    + route.suspectAfter().toMillis()
                    + " ms) after it took the message; sent on (on_ambiguous: failover), a possible duplicate");
        }
        events.on(new PosternEvent.Attempted(
                clock.instant(), context.messageId(), context.attempt(), route.name(), outcome, latency, degraded));
        return new Attempt(
                route.name(),
                start,
                latency,
                outcome,
                degraded,
                email.allRecipients().size(),
                abandoned);
    }

    private SendResult giveUp(Progress progress, List<ProviderRoute> able) {
        if (!progress.attempts().isEmpty()) {
            return finish(progress, Status.DEFERRED, "no provider took it: ");
        }
        String states = states(able);
        if (!progress.atLimit().isEmpty()) {
            // Spent budgets refill within a second: not an outage, so no all_providers_down.
            return finish(
                    progress.messageId(),
                    Status.DEFERRED,
                    List.of(),
                    "every provider in rotation is at its rate limit: " + String.join(", ", progress.atLimit()));
        }
        events.on(new PosternEvent.AllProvidersDown(clock.instant(), states));
        return finish(progress.messageId(), Status.DEFERRED, List.of(), "no provider is available: " + states);
    }

    private SendResult finish(Progress progress, Status status, String prefix) {
        String last = progress.attempts().getLast().outcome().detail();
        String detail = progress.partly() + prefix + last;
        return finish(new SendResult(progress.messageId(), status, progress.attempts(), detail, progress.outcomes()));
    }

    private SendResult finish(String messageId, Status status, List<Attempt> attempts, String detail) {
        return finish(new SendResult(messageId, status, attempts, detail));
    }

    private SendResult finish(SendResult result) {
        if (result.status() == Status.REJECTED) {
            events.on(new PosternEvent.MessageFailed(clock.instant(), result.messageId(), result.detail()));
        }
        return result;
    }

    private static String refusal(ProviderRoute route, Email email) {
        return route.capabilities().refusal(email).orElse(null);
    }

    private String refusals(Email email) {
        return routes.stream().map(r -> r.name() + " " + refusal(r, email)).collect(Collectors.joining(", "));
    }

    private static String states(List<ProviderRoute> routes) {
        return routes.stream().map(r -> r.name() + " " + r.state().wireName()).collect(Collectors.joining(", "));
    }
}

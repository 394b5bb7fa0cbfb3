package dev.postern.internal;

import dev.postern.Attempt;
import dev.postern.SendResult;
import dev.postern.SendResult.Status;
import dev.postern.email.Email;
import dev.postern.event.EventListener;
import dev.postern.event.PosternEvent;
import dev.postern.provider.AttemptContext;
import dev.postern.provider.SendOutcome;
import dev.postern.routing.OnAmbiguous;
import dev.postern.routing.RoutingConfig;
import dev.postern.routing.internal.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one message: asks the router for the providers to try, tries them in order until one
 * settles the message or {@code max_attempts} is spent, and applies each outcome to its provider.
 */
public final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final List<ProviderRoute> routes;
    private final Router router;
    private final RoutingConfig config;
    private final Clock clock;
    private final EventListener events;

    public Dispatch(List<ProviderRoute> routes, RoutingConfig config, Clock clock, EventListener events) {
        this.routes = List.copyOf(routes);
        this.router = new Router(config.strategy());
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
        List<Attempt> attempts = new ArrayList<>();
        for (ProviderRoute route : candidates) {
            if (attempts.size() == config.maxAttempts()) {
                break;
            }
            if (!route.tryAcquire()) {
                continue; // a half-open breaker whose trial calls are all taken
            }
            if (!attempts.isEmpty()) {
                Attempt previous = attempts.getLast();
                events.on(new PosternEvent.Failover(
                        clock.instant(),
                        messageId,
                        previous.provider(),
                        route.name(),
                        previous.outcome().detail()));
            }
            Attempt attempt =
                    attempt(route, email, new AttemptContext(messageId, attempts.size() + 1, attempts.isEmpty()));
            attempts.add(attempt);
            route.record(attempt.outcome(), attempt.latency());
            Status settled = settled(attempt.outcome());
            if (settled != null) {
                return finish(messageId, settled, attempts, attempt.outcome().detail());
            }
        }
        if (attempts.isEmpty()) {
            String states = states(able);
            events.on(new PosternEvent.AllProvidersDown(clock.instant(), states));
            return finish(messageId, Status.DEFERRED, attempts, "no provider is available: " + states);
        }
        return finish(
                messageId,
                Status.DEFERRED,
                attempts,
                "no provider took it: " + attempts.getLast().outcome().detail());
    }

    /** The status an outcome settles the message with, or null to try the next provider. */
    private Status settled(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Accepted a -> Status.DELIVERED;
            case SendOutcome.Rejected r -> Status.REJECTED;
            case SendOutcome.Ambiguous a -> config.onAmbiguous() == OnAmbiguous.DEFER ? Status.DEFERRED : null;
            case SendOutcome.Unavailable u -> null;
            case SendOutcome.RateLimited r -> null;
            case SendOutcome.Misconfigured m -> null;
        };
    }

    private Attempt attempt(ProviderRoute route, Email email, AttemptContext context) {
        Instant start = clock.instant();
        SendOutcome outcome;
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
        }
        return new Attempt(route.name(), start, Duration.between(start, clock.instant()), outcome);
    }

    private SendResult finish(String messageId, Status status, List<Attempt> attempts, String detail) {
        if (status == Status.REJECTED) {
            events.on(new PosternEvent.MessageFailed(clock.instant(), messageId, detail));
        }
        return new SendResult(messageId, status, attempts, detail);
    }

    private static String refusal(ProviderRoute route, Email email) {
        return route.provider().capabilities().refusal(email).orElse(null);
    }

    private String refusals(Email email) {
        return routes.stream().map(r -> r.name() + " " + refusal(r, email)).collect(Collectors.joining(", "));
    }

    private static String states(List<ProviderRoute> routes) {
        return routes.stream().map(r -> r.name() + " " + r.state().wireName()).collect(Collectors.joining(", "));
    }
}

package dev.postern.server.http;

import dev.postern.Postern;
import dev.postern.outbox.Outbox;
import dev.postern.provider.Capabilities;
import dev.postern.server.auth.ApiKey;
import dev.postern.server.auth.AuthThrottle;
import dev.postern.server.auth.Scope;
import dev.postern.server.cluster.ClusterNode;
import dev.postern.server.cluster.ProviderViews;
import dev.postern.server.config.GatewayConfig;
import dev.postern.server.config.ProviderEntry;
import dev.postern.server.config.RateLimit;
import dev.postern.server.config.SuppressionsConfig;
import dev.postern.server.dashboard.Dashboard;
import dev.postern.server.drill.Drills;
import dev.postern.server.events.InboundWebhooks;
import dev.postern.server.metrics.Metrics;
import dev.postern.server.stats.DeliveryRates;
import dev.postern.server.stats.ProviderStats;
import dev.postern.server.stats.TrafficSeries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of docs/api.md on Javalin (virtual threads): routes, bearer keys, the error shape
 * {@code {"error": {"code", "message", "field"}}} for everything that goes wrong, including input
 * that cannot be read (never a 500 for bad input), and a graceful {@link #close}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** The buffer Javalin copies a response through (see {@code responseBufferSize} below). */
    private static final int RESPONSE_COPY_BYTES = 4096;

    /** The event stream: refused when closing, never waited for. */
    private static final String EVENT_STREAM = "/v1/events/stream";

    private final Javalin app;
    private final InFlight inFlight;
    private final EventLog events;
    private final boolean https;

    private HttpApi(Javalin app, InFlight inFlight, EventLog events, boolean https) {
        this.app = app;
        this.inFlight = inFlight;
        this.events = events;
        this.https = https;
    }

    /**
     * Starts listening on {@code config.http().listen()}.
     *
     * @param events the recent events and live streams; a listener of {@code postern}
     * @param traffic attempts per provider per second, for the dashboard's chart
     * @param capabilities each provider's, to refuse (422) what no provider can carry
     * @param views each instance's judgement of the providers, for {@code /v1/providers?cluster=true}
     * @param drills failover drills, for {@code /v1/drills}
     * @param time what the per-key request limits are measured against (the gateway's clock)
     * @param throttle counts unknown keys per client address (shared with the SMTP relay's AUTH)
     * @param inbound the providers' delivery-event webhooks, for {@code POST /v1/webhooks/{provider}}
     */
    public static HttpApi start(
            GatewayConfig config,
            Postern postern,
            Outbox outbox,
            EventLog events,
            ProviderStats stats,
            DeliveryRates rates,
            TrafficSeries traffic,
            Metrics metrics,
            Map<String, Capabilities> capabilities,
            ClusterNode node,
            ProviderViews views,
            Drills drills,
            InstantSource time,
            AuthThrottle throttle,
            InboundWebhooks inbound) {
        InFlight inFlight = new InFlight();
        Authenticator auth = new Authenticator(config.apiKeys(), throttle);
        RequestLimiter limiter = new RequestLimiter(time);
        long maxBody = config.http().maxRequestBytes();
        BodyBudget budget = new BodyBudget(config.http().maxRequestBytesInFlight());
        Bodies bodies = new Bodies(maxBody, budget, time);
        boolean refuse = config.suppressions().onSend() == SuppressionsConfig.OnSend.REFUSE;
        MessageRoutes messages = new MessageRoutes(
                outbox,
                capabilities,
                bodies,
                refuse ? new SuppressionCheck(Optional.of(outbox.suppressions())) : SuppressionCheck.SKIP);
        SuppressionRoutes suppressions = new SuppressionRoutes(outbox, bodies, time);
        Map<String, Optional<RateLimit>> limits =
                config.providers().stream().collect(Collectors.toMap(ProviderEntry::name, ProviderEntry::rateLimit));
        ProviderRoutes providers = new ProviderRoutes(postern, stats, rates, limits, node, views);
        ClusterRoutes cluster = new ClusterRoutes(node);
        EventRoutes eventRoutes = new EventRoutes(events, outbox.events());
        WebhookRoutes webhooks = new WebhookRoutes(
                inbound.verifiers(),
                inbound.intake(),
                inbound.confirmer(),
                new Bodies(Math.min(maxBody, WebhookRoutes.MAX_BODY), budget, time),
                time,
                metrics.webhooks());
        HealthRoutes health = new HealthRoutes(postern, outbox);
        DrillRoutes drillRoutes = new DrillRoutes(drills);
        TrafficRoutes trafficRoutes = new TrafficRoutes(postern, traffic);
        QueueRoutes queue = new QueueRoutes(outbox);
        IncidentRoutes incidents = new IncidentRoutes(postern);

        Javalin app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = maxBody;
            // Javalin copies each result into Jetty's output through a new buffer of this size,
            // by default Jetty's whole output buffer (32 KiB): per answer of ~100 bytes, the
            // largest allocation on the accept path. Jetty still buffers what is copied, so
            // larger results (the OpenAPI document, metrics) only take more, smaller copies.
            c.http.responseBufferSize = RESPONSE_COPY_BYTES;
            c.jetty.host = config.http().listen().host();
            c.jetty.port = config.http().listen().port();
            c.jetty.addConnector((server, http) -> Listener.create(server, http, config));
            c.jetty.modifyServletContextHandler(
                    context -> context.insertHandler(new InFlightHandler(inFlight, EVENT_STREAM)));
            c.routes.before(ctx -> {
                // closing: new requests are refused while those in progress (InFlightHandler) finish
                if (!inFlight.closing()) {
                    return;
                }
                if (ctx.path().equals(EVENT_STREAM)) {
                    throw new ApiError(503, "shutting_down", "this gateway is shutting down", null, null);
                }
                ctx.header("Retry-After", "1");
                throw new ApiError(503, "shutting_down", "this gateway is shutting down; retry", null, null);
            });
            c.routes.before("/v1/*", ctx -> {
                if (ctx.path().startsWith("/v1/webhooks/")) {
                    // providers cannot send an API key: the provider's own signature is checked instead
                    return;
                }
                auth.authenticate(ctx);
                ApiKey key = Authenticator.any(ctx);
                limiter.take(key).ifPresent(wait -> {
                    throw new ApiError(
                            429,
                            "rate_limited",
                            "the key '" + key.name() + "' may make " + key.requestsPerSecond()
                                    + " requests per second; retry later",
                            null,
                            wait);
                });
                if (ctx.path().startsWith("/v1/events")) {
                    Authenticator.require(ctx, Scope.ADMIN);
                }
                String accept = ctx.header("Accept");
                if (ctx.path().equals(EVENT_STREAM) && (accept == null || !accept.contains("text/event-stream"))) {
                    // Javalin answers an empty 200 otherwise, which reads like a stream that ended at once
                    throw ApiError.invalidField("Accept", "send Accept: text/event-stream for the event stream");
                }
            });
            c.routes.post("/v1/messages", guard(messages::send));
            c.routes.post("/v1/messages/batch", guard(messages::batch));
            c.routes.get("/v1/messages", messages::search);
            c.routes.get("/v1/messages/{id}", messages::find);
            c.routes.get("/v1/providers", providers::list);
            c.routes.post("/v1/providers/{name}/drain", ctx -> providers.drain(ctx, true));
            c.routes.post("/v1/providers/{name}/undrain", ctx -> providers.drain(ctx, false));
            c.routes.get("/v1/cluster", cluster::list);
            c.routes.post("/v1/drills", drillRoutes::start);
            c.routes.get("/v1/drills", drillRoutes::list);
            c.routes.get("/v1/drills/{id}", drillRoutes::find);
            c.routes.post("/v1/drills/{id}/abort", drillRoutes::abort);
            c.routes.get("/v1/traffic", trafficRoutes::series);
            c.routes.get("/v1/queue", queue::summary);
            c.routes.get("/v1/events", eventRoutes::recent);
            c.routes.post("/v1/webhooks/{provider}", guard(webhooks::receive));
            c.routes.get("/v1/incidents", incidents::list);
            c.routes.get("/v1/suppressions", suppressions::list);
            c.routes.post("/v1/suppressions", guard(suppressions::add));
            c.routes.delete("/v1/suppressions/{address}", suppressions::remove);
            c.routes.sse(EVENT_STREAM, eventRoutes::stream);
            c.routes.get("/healthz", health::healthz);
            c.routes.get("/readyz", health::readyz);
            // no key, like /healthz: Prometheus scrapes it, and it holds counts, never content or secrets
            c.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
            c.routes.get("/openapi.json", health::openApi);
            Dashboard.install(c);
            c.routes.exception(ApiError.class, (e, ctx) -> write(ctx, e));
            c.routes.exception(Bodies.Answered.class, (e, ctx) -> {
                // the answer is sent and the connection closing: nothing more to write
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, translate(e, maxBody)));
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                write(ctx, new ApiError(500, "internal", "an internal error occurred", null, null));
            });
            c.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    write(ctx, ApiError.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            c.routes.error(405, ctx -> {
                if (ctx.result() == null) {
                    write(
                            ctx,
                            new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed here", null, null));
                }
            });
        });
        app.start();
        return new HttpApi(app, inFlight, events, config.http().https());
    }

    /** Where the API listens, with the real port. */
    public URI url() {
        return URI.create((https ? "https://" : "http://") + hostOf() + ":" + app.port());
    }

    private String hostOf() {
        String host = app.unsafe.jetty.host;
        if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Refuses new requests (503), waits up to {@code grace} for those in progress, then stops listening. */
    public void close(Duration grace) {
        events.closeStreams();
        try {
            if (!inFlight.drain(grace)) {
                LOG.warn("requests still in progress after {}; stopping anyway", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * A route that reads a body, whose {@link Error}s become answers in the API's shape instead of
     * the servlet container's plain 500 with a stack trace. An {@link OutOfMemoryError} while one
     * request parses its body releases that request's memory as it unwinds, so the request is
     * refused as retryable (503 {@code overloaded}) and the gateway goes on; the {@link BodyBudget}
     * is what keeps this from happening at all.
     */
    private static Handler guard(Handler route) {
        return ctx -> {
            try {
                route.handle(ctx);
            } catch (OutOfMemoryError e) {
                LOG.error("{} {} ran out of memory; refused with 503, retryable", ctx.method(), ctx.path());
                throw new ApiError(
                        503,
                        "overloaded",
                        "this gateway is out of memory for request bodies; retry",
                        null,
                        Duration.ofSeconds(5));
            } catch (Error e) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                throw new ApiError(500, "internal", "an internal error occurred", null, null);
            }
        };
    }

    private static ApiError translate(HttpResponseException e, long maxBody) {
        return switch (e.getStatus()) {
            case 413 -> ApiError.tooLarge(maxBody);
            case 400 -> ApiError.badRequest("bad_request", null, e.getMessage());
            case 404 -> ApiError.notFound("no such endpoint");
            case 405 -> new ApiError(405, "method_not_allowed", "this method is not allowed here", null, null);
            default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null, null);
        };
    }

    private static void write(Context ctx, ApiError e) {
        e.retryAfter.ifPresent(d -> ctx.header("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        Json.write(ctx, e.status, Json.error(e.code, e.getMessage(), e.field));
    }
}

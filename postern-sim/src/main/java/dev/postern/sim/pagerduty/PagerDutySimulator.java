package dev.postern.sim.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.sim.ReceivedMessage;
import dev.postern.sim.http.HttpSimulator;
import dev.postern.sim.http.SimRequest;
import dev.postern.sim.http.SimResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * PagerDuty's Events API v2 on loopback: {@code POST /v2/enqueue} takes an alert event, checked as
 * PagerDuty documents it ({@link PagerDutyEventCheck}). The routing key in the body is the only
 * credential; a key of the right shape that is not the simulator's is refused like an invalid one.
 *
 * <p>Answers: 202 {@code {"status": "success", "message": "Event processed", "dedup_key"}}; 400
 * {@code {"status": "invalid event", "message": "Event object is invalid", "errors": [...]}}; 429
 * under the {@code rate_limit} fault; the status of an {@code error(status)} fault.
 *
 * <p>Like PagerDuty it keeps one alert per {@code dedup_key}: a trigger opens it (or is added to
 * the open one), a resolve closes it, a resolve of no open alert is dropped, and a trigger after the
 * resolve opens a new alert. {@link #events()} lists every event taken, {@link #openAlerts()} the
 * keys of the alerts open now.
 */
public final class PagerDutySimulator extends HttpSimulator {
    /** Where events are sent; the sink's {@code url} is {@code baseUrl() + EVENTS_PATH}. */
    public static final String EVENTS_PATH = "/v2/enqueue";

    /** One event PagerDuty took: its action, its key (generated when a trigger had none), the body as sent. */
    public record Event(String action, String dedupKey, JsonNode body) {}

    private final String routingKey;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    /** Alerts by dedup_key: true while open. */
    private final Map<String, Boolean> alerts = new LinkedHashMap<>();

    /** A simulator on {@code port} (0: any free port) that takes {@code routingKey} (32 characters). */
    public PagerDutySimulator(int port, String routingKey) {
        super("pagerduty", port);
        if (routingKey.length() != PagerDutyEventCheck.ROUTING_KEY_LENGTH) {
            throw new IllegalArgumentException("a PagerDuty routing key has 32 characters");
        }
        this.routingKey = routingKey;
    }

    @Override
    public PagerDutySimulator start() {
        super.start();
        return this;
    }

    /** Every event taken since start or {@link #clear}, oldest first. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The dedup keys of the alerts open now. */
    public synchronized List<String> openAlerts() {
        return alerts.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized void clear() {
        super.clear();
        events.clear();
        alerts.clear();
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        return Optional.empty(); // the routing key in the body is checked with the event
    }

    @Override
    protected SimResponse unauthorized() {
        return invalid(List.of("Invalid routing key"));
    }

    @Override
    protected SimResponse error(int status) {
        return SimResponse.json(status, Map.of("status", "error", "message", "simulated error " + status));
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return SimResponse.json(
                429,
                Map.of("status", "throttle event", "message", "Requests for this service are arriving too quickly"));
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return invalid(List.of("simulated refusal"));
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals(EVENTS_PATH);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (!isSend(request) || !request.method().equals("POST")) {
            return SimResponse.json(404, Map.of("status", "error", "message", "Not found"));
        }
        JsonNode event;
        try {
            event = request.json();
        } catch (IOException e) {
            return SimResponse.json(
                    400,
                    Map.of(
                            "status",
                            "invalid event",
                            "message",
                            "Event object is invalid",
                            "errors",
                            List.of("Invalid JSON")));
        }
        List<String> problems = new ArrayList<>(PagerDutyEventCheck.problems(event, request.body().length));
        if (problems.isEmpty() && !routingKey.equals(event.path("routing_key").asText())) {
            problems.add("Invalid routing key");
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }
        String action = event.path("event_action").asText();
        String dedupKey = Optional.ofNullable(PagerDutyEventCheck.text(event, "dedup_key"))
                .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        take(action, dedupKey, event);
        return SimResponse.json(202, Map.of("status", "success", "message", "Event processed", "dedup_key", dedupKey));
    }

    private synchronized void take(String action, String dedupKey, JsonNode event) {
        events.add(new Event(action, dedupKey, event));
        switch (action) {
            case "trigger" -> alerts.put(dedupKey, true);
            case "resolve" -> alerts.computeIfPresent(dedupKey, (k, open) -> false);
            default -> {} // acknowledge: the alert stays open
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("event_action", action);
        metadata.put("dedup_key", dedupKey);
        JsonNode payload = event.path("payload");
        payload.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                metadata.put(e.getKey(), e.getValue().asText());
            }
        });
        record(new ReceivedMessage(
                dedupKey,
                "",
                List.of(),
                List.of(),
                List.of(),
                action + ": " + payload.path("summary").asText(""),
                event.toString(),
                null,
                Map.of(),
                metadata,
                List.of(),
                List.of()));
    }

    private static SimResponse invalid(List<String> errors) {
        return SimResponse.json(
                400, Map.of("status", "invalid event", "message", "Event object is invalid", "errors", errors));
    }
}

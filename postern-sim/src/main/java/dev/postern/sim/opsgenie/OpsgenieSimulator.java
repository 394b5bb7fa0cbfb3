package dev.postern.sim.opsgenie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opsgenie's Alert API on loopback, behind {@code Authorization: GenieKey <api key>}: {@code POST
 * /v2/alerts} creates an alert, {@code POST /v2/alerts/{identifier}/close} closes it and {@code
 * POST /v2/alerts/{identifier}/notes} adds a note, {@code identifierType} being {@code id}
 * (the default), {@code alias} or {@code tiny}. Bodies are checked as Opsgenie documents them
 * ({@link OpsgenieCheck}).
 *
 * <p>Answers: 202 {@code {"result": "Request will be processed", "took", "requestId"}} (Opsgenie
 * processes requests later; this simulator at once); 400 for a body that is not JSON; 401 for a
 * missing or wrong key; 415 without {@code Content-Type: application/json}; 422 {@code {"message",
 * "errors": {field: problem}}} for a body that breaks a rule; 429 under {@code rate_limit}; the
 * status of an {@code error(status)} fault. As in Opsgenie, a create with the alias of an open
 * alert adds to its count instead of opening another; a close or note for an alert that does not
 * exist is answered 202 and then fails, as Opsgenie's request status would show.
 */
public final class OpsgenieSimulator extends HttpSimulator {
    public static final String ALERTS_PATH = "/v2/alerts";

    private static final Pattern ACTION = Pattern.compile("^/v2/alerts/([^/]+)/(close|notes)$");

    /** One request Opsgenie took: {@code create}, {@code close} or {@code note}, the alias it acted on, the body. */
    public record Request(String action, String alias, JsonNode body, boolean succeeded) {}

    /** An alert as Opsgenie holds it. */
    public record OpsgenieAlert(String alias, String message, boolean open, int count, List<String> notes) {}

    private final String apiKey;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, OpsgenieAlert> alerts = new LinkedHashMap<>();

    /** A simulator on {@code port} (0: any free port) that accepts only {@code apiKey}. */
    public OpsgenieSimulator(int port, String apiKey) {
        super("opsgenie", port);
        this.apiKey = apiKey;
    }

    @Override
    public OpsgenieSimulator start() {
        super.start();
        return this;
    }

    /** Every request taken (answered 202) since start or {@link #clear}, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The alert with {@code alias} (the latest, if several were opened and closed in turn). */
    public synchronized Optional<OpsgenieAlert> alert(String alias) {
        return Optional.ofNullable(alerts.get(alias));
    }

    @Override
    public synchronized void clear() {
        super.clear();
        requests.clear();
        alerts.clear();
    }

    @Override
    protected Optional<SimResponse> authenticate(SimRequest request) {
        return request.header("Authorization")
                        .filter(("GenieKey " + apiKey)::equals)
                        .isPresent()
                ? Optional.empty()
                : Optional.of(unauthorized());
    }

    @Override
    protected SimResponse unauthorized() {
        return answer(401, Map.of("message", "Could not authenticate"));
    }

    @Override
    protected SimResponse error(int status) {
        return answer(status, Map.of("message", "simulated error " + status));
    }

    @Override
    protected SimResponse rateLimited(Duration retryAfter) {
        return answer(429, Map.of("message", "You are making too many requests! Please slow down."));
    }

    @Override
    protected SimResponse recipientRejected(SimRequest request) {
        return answer(422, Map.of("message", "simulated refusal"));
    }

    @Override
    protected boolean isSend(SimRequest request) {
        return request.path().equals(ALERTS_PATH);
    }

    @Override
    protected SimResponse serve(SimRequest request) {
        if (!request.method().equals("POST")) {
            return answer(405, Map.of("message", "Method not allowed"));
        }
        Matcher action = ACTION.matcher(request.path());
        if (!isSend(request) && !action.matches()) {
            return answer(404, Map.of("message", "Could not find handler for " + request.path()));
        }
        if (!request.mediaType().equals("application/json")) {
            return answer(415, Map.of("message", "Content-Type must be application/json"));
        }
        JsonNode body;
        try {
            body = request.body().length == 0 ? JsonNodeFactory.instance.objectNode() : request.json();
        } catch (IOException e) {
            return answer(400, Map.of("message", "Invalid JSON body"));
        }
        if (isSend(request)) {
            return taken(OpsgenieCheck.create(body), () -> create(body));
        }
        String identifierType = request.query().getOrDefault("identifierType", "id");
        if (!List.of("id", "alias", "tiny").contains(identifierType)) {
            return answer(
                    422,
                    Map.of(
                            "message",
                            "Invalid identifierType",
                            "errors",
                            Map.of("identifierType", "should be one of [id, alias, tiny]")));
        }
        boolean close = action.group(2).equals("close");
        String identifier = action.group(1);
        return taken(
                OpsgenieCheck.action(body, !close),
                () -> act(close ? "close" : "note", identifierType, identifier, body));
    }

    private SimResponse taken(Map<String, String> problems, Runnable take) {
        if (!problems.isEmpty()) {
            return answer(
                    422,
                    Map.of("message", "Request body is not processable. Please check the errors.", "errors", problems));
        }
        take.run();
        return answer(202, Map.of("result", "Request will be processed"));
    }

    private synchronized void create(JsonNode body) {
        String message = body.path("message").asText();
        String alias = body.hasNonNull("alias") ? body.get("alias").asText() : message; // Opsgenie's default alias
        OpsgenieAlert existing = alerts.get(alias);
        if (existing != null && existing.open()) {
            alerts.put(
                    alias, new OpsgenieAlert(alias, existing.message(), true, existing.count() + 1, existing.notes()));
        } else {
            alerts.put(alias, new OpsgenieAlert(alias, message, true, 1, List.of()));
        }
        requests.add(new Request("create", alias, body, true));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alias", alias);
        body.path("details")
                .properties()
                .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
        List<String> tags = new ArrayList<>();
        body.path("tags").forEach(t -> tags.add(t.asText()));
        record(new ReceivedMessage(
                alias,
                "",
                List.of(),
                List.of(),
                List.of(),
                message,
                body.path("description").asText(""),
                null,
                Map.of(),
                details,
                tags,
                List.of()));
    }

    private synchronized void act(String what, String identifierType, String identifier, JsonNode body) {
        // ids and tiny ids are Opsgenie's own; this simulator hands out none, so only aliases find alerts
        OpsgenieAlert alert = identifierType.equals("alias") ? alerts.get(identifier) : null;
        boolean succeeded = alert != null && alert.open();
        if (succeeded) {
            List<String> notes = new ArrayList<>(alert.notes());
            if (body.hasNonNull("note")) {
                notes.add(body.get("note").asText());
            }
            alerts.put(
                    identifier,
                    new OpsgenieAlert(
                            identifier, alert.message(), !what.equals("close"), alert.count(), List.copyOf(notes)));
        }
        requests.add(new Request(what, identifier, body, succeeded));
    }

    private static SimResponse answer(int status, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("took", 0.001);
        body.put("requestId", UUID.randomUUID().toString());
        return SimResponse.json(status, body);
    }
}

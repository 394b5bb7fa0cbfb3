package dev.postern.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through Opsgenie's Alert API: one Opsgenie alert per Postern incident, its {@code alias}
 * the incident's id (Opsgenie keeps one open alert per alias; an id over 512 characters or with
 * characters other than letters, digits and {@code - . _ ~ :} is sent as {@code sha256:<hex>} of
 * it, so it needs no escaping in the close and note URLs), authenticated with {@code
 * Authorization: GenieKey <api key>}.
 *
 * <ul>
 *   <li>{@code OPENED}: {@code POST /v2/alerts} with {@code message} (at most 130 characters),
 *       {@code alias}, {@code description}, {@code priority}, {@code source}, {@code entity},
 *       {@code tags} and {@code details}.
 *   <li>{@code UPDATED}: {@code POST /v2/alerts/{alias}/notes?identifierType=alias}, a note with
 *       the counts so far: creating again would only raise the alert's count, not show the counts.
 *   <li>{@code RESOLVED}: {@code POST /v2/alerts/{alias}/close?identifierType=alias} with a note
 *       giving the duration and counts. A late retry of the incident's create after that is
 *       dropped, so it cannot open an alert that nothing would close ({@link ResolvedIncidents}).
 *   <li>An alert outside any incident (a drill's notice) is not sent, as for PagerDuty.
 * </ul>
 *
 * Opsgenie answers 202 with a {@code requestId} and processes the request later; 4xx (invalid
 * body, key refused) is refused and not retried ({@link AlertRefusedException}), 429 and 5xx are
 * retried with backoff. The API key is never logged nor shown by {@link #toString}.
 */
public final class OpsgenieAlertSink implements AlertSink {
    /** Where an account's API lives: its region. */
    public enum Region {
        US("https://api.opsgenie.com"),
        EU("https://api.eu.opsgenie.com");

        private final URI baseUrl;

        Region(String baseUrl) {
            this.baseUrl = URI.create(baseUrl);
        }

        public URI baseUrl() {
            return baseUrl;
        }
    }

    // Opsgenie's documented limits on an alert's fields.
    static final int MAX_MESSAGE = 130;
    static final int MAX_ALIAS = 512;
    static final int MAX_DESCRIPTION = 15_000;
    static final int MAX_TAG = 50;
    static final int MAX_DETAILS_CHARS = 8_000;
    static final int MAX_NOTE = 25_000;
    static final int MAX_DETAIL_VALUE = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(OpsgenieAlertSink.class);

    private final String alerts;
    private final String authorization;
    private final PagingHttp http;
    private final URI baseUrl;
    private final ResolvedIncidents resolved = new ResolvedIncidents();

    /** To Opsgenie in {@code region}, each call bounded by {@link WebhookAlertSink#DEFAULT_TIMEOUT}. */
    public OpsgenieAlertSink(Region region, String apiKey) {
        this(region.baseUrl(), apiKey, WebhookAlertSink.DEFAULT_TIMEOUT);
    }

    /** To the API at {@code baseUrl} (a simulator, a proxy), each call bounded by {@code timeout}. */
    public OpsgenieAlertSink(URI baseUrl, String apiKey, Duration timeout) {
        this.baseUrl = PagingHttp.httpUrl(baseUrl, "url");
        this.alerts = baseUrl.toString().replaceAll("/+$", "") + "/v2/alerts";
        this.authorization = "GenieKey " + PagingHttp.credential(apiKey, "api_key");
        this.http = new PagingHttp("opsgenie " + baseUrl.getHost(), apiKey, Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        if (alert.incident().isEmpty()) {
            LOG.debug("{} not paged: it belongs to no incident", alert.event());
            return;
        }
        IncidentView incident = alert.incident().get();
        if (incident.state() == IncidentView.State.RESOLVED) {
            resolved.add(incident.id()); // before sending: a late create must not reopen it meanwhile
        } else if (resolved.contains(incident.id())) {
            LOG.debug("incident {} already resolved: its late {} is dropped", incident.id(), incident.state());
            return;
        }
        Map<String, String> auth = Map.of("Authorization", authorization);
        String alias = IncidentText.pathKey(incident.id(), MAX_ALIAS); // safe in a path as it is
        switch (incident.state()) {
            case OPENED -> http.post(URI.create(alerts), auth, JSON.writeValueAsBytes(create(alert, incident)));
            case UPDATED ->
                http.post(
                        URI.create(alerts + "/" + alias + "/notes?identifierType=alias"),
                        auth,
                        JSON.writeValueAsBytes(note("Still open: " + IncidentText.story(alert, incident))));
            case RESOLVED ->
                http.post(
                        URI.create(alerts + "/" + alias + "/close?identifierType=alias"),
                        auth,
                        JSON.writeValueAsBytes(note("Resolved: " + IncidentText.story(alert, incident))));
        }
    }

    /** The body of {@code POST /v2/alerts} for an incident that opened. */
    static ObjectNode create(Alert alert, IncidentView incident) {
        ObjectNode body = JSON.createObjectNode();
        body.put("message", IncidentText.headline(alert, incident, MAX_MESSAGE));
        body.put("alias", IncidentText.pathKey(incident.id(), MAX_ALIAS));
        body.put("description", IncidentText.cut(IncidentText.story(alert, incident), MAX_DESCRIPTION));
        body.put("priority", priority(incident.condition()));
        body.put("source", "postern");
        incident.provider().ifPresent(p -> body.put("entity", p));
        var tags = body.putArray("tags");
        tags.add("postern");
        tags.add(IncidentText.cut(incident.condition(), MAX_TAG));
        incident.provider().ifPresent(p -> tags.add(IncidentText.cut("provider:" + p, MAX_TAG)));
        ObjectNode details = body.putObject("details");
        details(incident).forEach(details::put);
        return body;
    }

    /** The body of a note or a close: {@code {"note", "source", "user"}}. */
    static ObjectNode note(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("note", IncidentText.cut(text, MAX_NOTE));
        body.put("source", "postern");
        body.put("user", "Postern");
        return body;
    }

    /** String-to-string details, {@value #MAX_DETAILS_CHARS} characters at most in all (keys and values). */
    static Map<String, String> details(IncidentView incident) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("incident_id", incident.id());
        incident.provider().ifPresent(p -> all.put("provider", p));
        all.put("condition", incident.condition());
        all.put("opened_at", incident.openedAt().toString());
        all.put("signals", String.join(", ", incident.signals()));
        IncidentText.counts(incident).forEach((name, value) -> all.put(name, Long.toString(value)));
        incident.lastAnswer().ifPresent(a -> all.put("last_answer", a));
        Map<String, String> kept = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, String> e : all.entrySet()) {
            String value = IncidentText.cut(e.getValue(), MAX_DETAIL_VALUE);
            int size = e.getKey().length() + value.length();
            if (total + size > MAX_DETAILS_CHARS) {
                break; // the description carries the whole story anyway
            }
            kept.put(e.getKey(), value);
            total += size;
        }
        return kept;
    }

    /** Everything down is P1, one provider down P2, a backlog P3 (Opsgenie's default). */
    static String priority(String condition) {
        return switch (condition) {
            case "all_providers_down" -> "P1";
            case "backlog_high" -> "P3";
            default -> "P2";
        };
    }

    @Override
    public String toString() {
        // never the API key
        return "OpsgenieAlertSink[" + baseUrl.getScheme() + "://" + baseUrl.getHost() + "]";
    }
}

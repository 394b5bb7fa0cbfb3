package dev.postern.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pages through PagerDuty's Events API v2: one PagerDuty alert per Postern incident, its {@code
 * dedup_key} the incident's id, so PagerDuty de-duplicates every notification of one incident into
 * one alert.
 *
 * <ul>
 *   <li>{@code OPENED}: {@code event_action: trigger} with a {@code payload} ({@code summary} of at
 *       most 1024 characters, {@code source}, {@code severity}, {@code timestamp}, {@code
 *       component}, {@code group}, {@code class}, {@code custom_details}).
 *   <li>{@code UPDATED}: the same trigger again with the counts so far. PagerDuty has no update for
 *       an open alert; a trigger with the same {@code dedup_key} is added to the open alert's log
 *       without a new incident, and opens the alert if the first trigger was lost.
 *   <li>{@code RESOLVED}: {@code event_action: resolve} with the same {@code dedup_key}. A late
 *       retry of the incident's trigger after that is dropped, so it cannot open a page that
 *       nothing would close ({@link ResolvedIncidents}).
 *   <li>An alert outside any incident (a drill's notice) is not sent: a page is for something that
 *       opens and ends; the other sinks carry notices.
 * </ul>
 *
 * PagerDuty answers 202 when it took the event, 400 for an invalid one (refused, not retried:
 * {@link AlertRefusedException}), 429 and 5xx when it should be sent again (retried with backoff).
 * The routing key travels only in the body and never in logs or {@link #toString}.
 */
public final class PagerDutyAlertSink implements AlertSink {
    /** The Events API v2 endpoint. */
    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com/v2/enqueue");

    /** PagerDuty's limit on {@code payload.summary}. */
    static final int MAX_SUMMARY = 1024;
    /** PagerDuty's limit on {@code dedup_key}. */
    static final int MAX_DEDUP_KEY = 255;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PagerDutyAlertSink.class);

    private final URI url;
    private final String routingKey;
    private final PagingHttp http;
    private final ResolvedIncidents resolved = new ResolvedIncidents();

    /** To PagerDuty itself, each call bounded by {@link WebhookAlertSink#DEFAULT_TIMEOUT}. */
    public PagerDutyAlertSink(String routingKey) {
        this(DEFAULT_URL, routingKey, WebhookAlertSink.DEFAULT_TIMEOUT);
    }

    /** To {@code url} (a simulator, a proxy), each call bounded by {@code timeout}. */
    public PagerDutyAlertSink(URI url, String routingKey, Duration timeout) {
        this.url = PagingHttp.httpUrl(url, "url");
        this.routingKey = PagingHttp.credential(routingKey, "routing_key");
        this.http =
                new PagingHttp("pagerduty " + url.getHost(), routingKey, Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public void deliver(Alert alert) throws IOException, InterruptedException {
        if (alert.incident().isEmpty()) {
            LOG.debug("{} not paged: it belongs to no incident", alert.event());
            return;
        }
        IncidentView incident = alert.incident().get();
        if (incident.state() == IncidentView.State.RESOLVED) {
            resolved.add(incident.id()); // before sending: a late trigger must not reopen it meanwhile
        } else if (resolved.contains(incident.id())) {
            LOG.debug("incident {} already resolved: its late {} is dropped", incident.id(), incident.state());
            return;
        }
        http.post(url, Map.of(), JSON.writeValueAsBytes(event(alert, incident, routingKey)));
    }

    /** The Events API v2 body for {@code alert} of {@code incident}. */
    static ObjectNode event(Alert alert, IncidentView incident, String routingKey) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("dedup_key", IncidentText.key(incident.id(), MAX_DEDUP_KEY));
        if (incident.state() == IncidentView.State.RESOLVED) {
            event.put("event_action", "resolve");
            return event;
        }
        event.put("event_action", "trigger");
        event.put("client", "Postern");
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", IncidentText.headline(alert, incident, MAX_SUMMARY));
        payload.put("source", "postern");
        payload.put("severity", severity(incident.condition()));
        payload.put(
                "timestamp",
                (incident.state() == IncidentView.State.OPENED ? incident.openedAt() : alert.at()).toString());
        incident.provider().ifPresent(p -> payload.put("component", p));
        payload.put("group", "postern");
        payload.put("class", incident.condition());
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", incident.id());
        details.put("state", incident.state().name().toLowerCase(java.util.Locale.ROOT));
        details.put("provider", incident.provider().orElse(null));
        details.put("condition", incident.condition());
        details.put("opened_at", incident.openedAt().toString());
        details.put("detail", alert.detail());
        incident.signals().forEach(details.putArray("signals")::add);
        ObjectNode counts = details.putObject("counts");
        IncidentText.counts(incident).forEach(counts::put);
        incident.lastAnswer().ifPresent(a -> details.put("last_answer", a));
        return event;
    }

    /** Everything down pages as {@code critical}, one provider down as {@code error}, a backlog as {@code warning}. */
    static String severity(String condition) {
        return switch (condition) {
            case "all_providers_down" -> "critical";
            case "backlog_high" -> "warning";
            default -> "error";
        };
    }

    @Override
    public String toString() {
        return "PagerDutyAlertSink[" + url.getScheme() + "://" + url.getHost() + "]"; // never the routing key
    }
}

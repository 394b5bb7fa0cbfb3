package dev.postern.server.config;

import dev.postern.alert.AlertConfig;
import dev.postern.alert.OpsgenieAlertSink;
import dev.postern.alert.PagerDutyAlertSink;
import dev.postern.email.Address;
import dev.postern.email.InvalidEmailException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code alerts}. */
final class AlertsSection {
    private AlertsSection() {}

    static AlertConfig alerts(Section alerts, Findings findings) {
        alerts.allow(
                "renotify",
                "group_wait",
                "resolve_after",
                "rate_limited_for",
                "aggregate",
                "sinks",
                "backlog",
                "bounce_rate",
                "complaint_rate",
                "rate_min_sent");
        AlertConfig d = AlertConfig.DEFAULTS;
        Duration renotify = atLeastASecond(alerts, "renotify", d.renotify());
        Duration groupWait = alerts.duration("group_wait", d.groupWait());
        Duration resolveAfter = atLeastASecond(alerts, "resolve_after", d.resolveAfter());
        Duration rateLimitedFor = alerts.duration("rate_limited_for", d.rateLimitedFor());
        if (alerts.has("aggregate")) {
            // before incidents, per-message events were summed per window; now they count into their incident
            atLeastASecond(alerts, "aggregate", Duration.ofMinutes(1));
            findings.notInEffect(
                    "alerts.aggregate",
                    "no longer used: failovers, rate limits and failed messages are counted into their incident"
                            + " (docs/alerts.md); remove the key");
        }
        return new AlertConfig(renotify, groupWait, resolveAfter, rateLimitedFor);
    }

    static BacklogConfig backlog(Section alerts) {
        if (!alerts.has("backlog")) {
            return BacklogConfig.DEFAULTS;
        }
        Section b = alerts.section("backlog");
        b.allow("depth", "oldest_age", "check");
        BacklogConfig d = BacklogConfig.DEFAULTS;
        return new BacklogConfig(
                b.integer("depth", d.depth(), 1, Long.MAX_VALUE),
                atLeastASecond(b, "oldest_age", d.oldestAge()),
                atLeastASecond(b, "check", d.check()));
    }

    static RateAlertConfig rates(Section alerts) {
        RateAlertConfig d = RateAlertConfig.DEFAULTS;
        return new RateAlertConfig(
                alerts.percent("bounce_rate", d.bounceRate()),
                alerts.percent("complaint_rate", d.complaintRate()),
                alerts.integer("rate_min_sent", d.minSent(), 1, Long.MAX_VALUE));
    }

    private static Duration atLeastASecond(Section s, String key, Duration fallback) {
        Duration value = s.duration(key, fallback);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            s.problem(key, "must be >= 1s, but was " + Durations.format(value));
            return fallback;
        }
        return value;
    }

    static List<AlertSinkConfig> sinks(Section alerts) {
        List<AlertSinkConfig> sinks = new ArrayList<>();
        for (Section s : alerts.sections("sinks")) {
            String type = s.required("type");
            AlertSinkConfig sink = switch (type == null ? "" : type) {
                case "log" -> {
                    s.allow("type");
                    yield new AlertSinkConfig.Log();
                }
                case "webhook" -> webhook(s);
                case "slack" -> {
                    s.allow("type", "url");
                    // the URL is the credential: shown by host only, like a secret
                    Optional<URI> url = s.url("url");
                    if (!s.has("url")) {
                        s.problem("url", "is required");
                    }
                    yield url.map(AlertSinkConfig.Slack::new).orElse(null);
                }
                case "email" -> email(s);
                case "pagerduty" -> pagerDuty(s);
                case "opsgenie" -> opsgenie(s);
                default -> {
                    if (type != null) {
                        s.problem(
                                "type",
                                "must be log, webhook, slack, email, pagerduty or opsgenie, but was "
                                        + s.showValue("type"));
                    }
                    yield null;
                }
            };
            if (sink != null) {
                sinks.add(sink);
            }
        }
        return sinks;
    }

    private static AlertSinkConfig webhook(Section s) {
        s.allow("type", "url", "secret");
        Optional<URI> url = s.url("url");
        if (!s.has("url")) {
            s.problem("url", "is required");
        }
        Optional<String> secret = s.secret("secret", true).map(dev.postern.provider.transport.Secret::value);
        return url.isPresent() && secret.isPresent() ? new AlertSinkConfig.Webhook(url.get(), secret.get()) : null;
    }

    private static AlertSinkConfig pagerDuty(Section s) {
        s.allow("type", "routing_key", "url");
        Optional<String> key = credential(s, "routing_key");
        Optional<URI> url = s.has("url") ? s.url("url") : Optional.of(PagerDutyAlertSink.DEFAULT_URL);
        return key.isPresent() && url.isPresent() ? new AlertSinkConfig.PagerDuty(url.get(), key.get()) : null;
    }

    private static AlertSinkConfig opsgenie(Section s) {
        s.allow("type", "api_key", "region", "url");
        Optional<String> key = credential(s, "api_key");
        String region = s.string("region", "us");
        Optional<URI> url;
        switch (region) {
            case "us" -> url = Optional.of(OpsgenieAlertSink.Region.US.baseUrl());
            case "eu" -> url = Optional.of(OpsgenieAlertSink.Region.EU.baseUrl());
            default -> {
                s.problem("region", "must be us or eu, but was " + s.showValue("region"));
                url = Optional.empty();
            }
        }
        if (s.has("url")) {
            url = s.url("url"); // a simulator or a proxy; wins over the region
        }
        return key.isPresent() && url.isPresent() ? new AlertSinkConfig.Opsgenie(url.get(), key.get()) : null;
    }

    /** A required secret that travels in a header or a body: no control characters (CR/LF would split a header). */
    private static Optional<String> credential(Section s, String key) {
        Optional<String> value = s.secret(key, true).map(dev.postern.provider.transport.Secret::value);
        if (value.isPresent() && value.get().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            s.problem(key, "must not contain control characters (CR, LF, …)");
            return Optional.empty();
        }
        return value;
    }

    private static AlertSinkConfig email(Section s) {
        s.allow("type", "to", "from");
        List<String> to = s.strings("to");
        if (to.isEmpty()) {
            s.problem("to", "must list at least one address");
        }
        for (int i = 0; i < to.size(); i++) {
            address(s, "to[" + i + "]", to.get(i));
        }
        String from = s.required("from");
        if (from != null) {
            address(s, "from", from);
        }
        return from == null || to.isEmpty() ? null : new AlertSinkConfig.Email(to, from);
    }

    private static void address(Section s, String key, String value) {
        try {
            Address.parse(value);
        } catch (InvalidEmailException e) {
            s.problem(key, "is not an email address: " + e.problems().getFirst().message());
        }
    }
}

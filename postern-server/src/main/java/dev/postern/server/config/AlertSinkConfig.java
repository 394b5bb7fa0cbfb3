package dev.postern.server.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** One entry of {@code alerts.sinks}: where alerts go. */
public sealed interface AlertSinkConfig {

    /** The {@code postern.alerts} log: WARN when a condition starts, INFO when it ends. */
    record Log() implements AlertSinkConfig {}

    /** A JSON POST signed with HMAC-SHA256 of the body in {@code X-Postern-Signature}. */
    record Webhook(URI url, String secret) implements AlertSinkConfig {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Webhook[" + url.getScheme() + "://" + url.getHost() + "]";
        }
    }

    /** A Slack-compatible incoming webhook: {@code {"text": "<one line>"}}. */
    record Slack(URI url) implements AlertSinkConfig {
        public Slack {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String toString() {
            return "Slack[" + url.getHost() + "]"; // the URL's path is the credential
        }
    }

    /** Mail to on-call through a provider other than the one in trouble, bypassing the queue. */
    record Email(List<String> to, String from) implements AlertSinkConfig {
        public Email {
            to = List.copyOf(to);
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * PagerDuty's Events API v2: one PagerDuty alert per incident, triggered and resolved under
     * the incident's id as {@code dedup_key}.
     */
    record PagerDuty(URI url, String routingKey) implements AlertSinkConfig {
        public PagerDuty {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(routingKey, "routingKey");
        }

        @Override
        public String toString() {
            return "PagerDuty[" + url.getScheme() + "://" + url.getHost() + "]"; // never the routing key
        }
    }

    /**
     * Opsgenie's Alert API at {@code url} (the region's, or an override): one Opsgenie alert per
     * incident, created and closed under the incident's id as {@code alias}.
     */
    record Opsgenie(URI url, String apiKey) implements AlertSinkConfig {
        public Opsgenie {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "Opsgenie[" + url.getScheme() + "://" + url.getHost() + "]"; // never the API key
        }
    }
}

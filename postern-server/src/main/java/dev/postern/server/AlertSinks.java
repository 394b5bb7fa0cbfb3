package dev.postern.server;

import dev.postern.alert.AlertSink;
import dev.postern.alert.EmailAlertSink;
import dev.postern.alert.LogAlertSink;
import dev.postern.alert.OpsgenieAlertSink;
import dev.postern.alert.PagerDutyAlertSink;
import dev.postern.alert.SlackAlertSink;
import dev.postern.alert.WebhookAlertSink;
import dev.postern.provider.Provider;
import dev.postern.server.config.AlertSinkConfig;
import java.net.URI;
import java.util.Map;

/** The alert sinks {@code alerts.sinks} names: built from their config, named and typed for reports and metrics. */
final class AlertSinks {
    private AlertSinks() {}

    static AlertSink create(AlertSinkConfig sink, Map<String, Provider> providers, ProviderAvailability availability) {
        return switch (sink) {
            case AlertSinkConfig.Log log -> new LogAlertSink();
            case AlertSinkConfig.Webhook hook -> new WebhookAlertSink(hook.url(), hook.secret());
            case AlertSinkConfig.Slack slack -> new SlackAlertSink(slack.url());
            case AlertSinkConfig.PagerDuty pd ->
                new PagerDutyAlertSink(pd.url(), pd.routingKey(), WebhookAlertSink.DEFAULT_TIMEOUT);
            case AlertSinkConfig.Opsgenie og ->
                new OpsgenieAlertSink(og.url(), og.apiKey(), WebhookAlertSink.DEFAULT_TIMEOUT);
            // straight to the providers, past routing and the outbox, which may be what is in trouble
            case AlertSinkConfig.Email email ->
                new EmailAlertSink(
                        providers, availability::usable, email.from(), email.to(), EmailAlertSink.DEFAULT_TIMEOUT);
        };
    }

    /** How an operator recognises a sink in a drill report; never a URL's path, which may be its secret. */
    static String name(int index, AlertSinkConfig sink) {
        String what = switch (sink) {
            case AlertSinkConfig.Log log -> "log";
            case AlertSinkConfig.Webhook hook -> "webhook " + hostPort(hook.url());
            case AlertSinkConfig.Slack slack -> "slack " + hostPort(slack.url());
            case AlertSinkConfig.PagerDuty pd -> "pagerduty " + hostPort(pd.url());
            case AlertSinkConfig.Opsgenie og -> "opsgenie " + hostPort(og.url());
            case AlertSinkConfig.Email email -> "email " + String.join(",", email.to());
        };
        return what + " (alerts.sinks[" + index + "])";
    }

    private static String hostPort(URI url) {
        return url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    static String type(AlertSinkConfig sink) {
        return switch (sink) {
            case AlertSinkConfig.Log log -> "log";
            case AlertSinkConfig.Webhook hook -> "webhook";
            case AlertSinkConfig.Slack slack -> "slack";
            case AlertSinkConfig.PagerDuty pd -> "pagerduty";
            case AlertSinkConfig.Opsgenie og -> "opsgenie";
            case AlertSinkConfig.Email email -> "email";
        };
    }
}

package dev.postern.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the {@code postern.alerts} logger: conditions at WARN, their end at INFO. */
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("postern.alerts");

    @Override
    public void deliver(Alert alert) {
        String provider = alert.provider().orElse("-");
        if (Alerts.resolves(alert)) {
            LOG.info("{} provider={} {}", alert.event(), provider, alert.detail());
        } else {
            LOG.warn(
                    "{}{} provider={} occurrences={} {}",
                    alert.event(),
                    alert.reminder() ? " (still)" : "",
                    provider,
                    alert.counts().getOrDefault("occurrences", 1L),
                    alert.detail());
        }
    }
}

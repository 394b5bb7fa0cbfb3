package dev.postern.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alerts to the {@code postern.alerts} logger: an incident opening or still open at WARN,
 * its resolution and alerts outside incidents (drills) at INFO.
 */
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("postern.alerts");

    @Override
    public void deliver(Alert alert) {
        String provider = alert.provider().orElse("-");
        String incident = alert.incident().map(IncidentView::id).orElse("-");
        if (Alerts.resolves(alert) || alert.incident().isEmpty()) {
            LOG.info("{} incident={} provider={} {}", alert.event(), incident, provider, alert.detail());
        } else {
            LOG.warn(
                    "{} incident={} provider={} occurrences={} {}",
                    alert.event(),
                    incident,
                    provider,
                    alert.counts().getOrDefault("occurrences", 1L),
                    alert.detail());
        }
    }
}

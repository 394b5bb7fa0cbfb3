package dev.postern.alert;

import java.util.Locale;

/** Facts about alerts shared by the sinks. */
final class Alerts {
    private Alerts() {}

    /** True for the alerts that end something: an incident's resolution. */
    static boolean resolves(Alert alert) {
        return alert.incident()
                .map(i -> i.state() == IncidentView.State.RESOLVED)
                .orElse(false);
    }

    /**
     * {@code Postern: incident primary-20260105T090000Z-1 OPENED (primary) — primary is failing
     * (failover, breaker_opened): …}; alerts outside incidents read {@code Postern: drill_started
     * (primary) — …}.
     */
    static String line(Alert alert) {
        String provider = alert.provider().map(p -> " (" + p + ")").orElse("");
        String what = alert.incident()
                .map(i -> "incident " + i.id() + " " + i.state().name())
                .orElse(alert.event() + (alert.reminder() ? " (still)" : ""));
        return "Postern: " + what + provider + " — " + alert.detail();
    }

    /** {@code opened}, {@code updated}, {@code resolved}: the incident state on the wire. */
    static String wire(IncidentView.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}

package dev.postern.alert;

/** Facts about alerts shared by the sinks. */
final class Alerts {
    private Alerts() {}

    /** True for the alerts that end a condition: a recovery, a breaker closing. */
    static boolean resolves(Alert alert) {
        return alert.event().equals("provider_recovered") || alert.event().equals("breaker_closed");
    }

    /** {@code Postern: provider_unhealthy (sendgrid) — sendgrid is unhealthy: timeout}. */
    static String line(Alert alert) {
        String still = alert.reminder() ? " (still)" : "";
        String provider = alert.provider().map(p -> " (" + p + ")").orElse("");
        return "Postern: " + alert.event() + still + provider + " — " + alert.detail();
    }
}

package dev.postern.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** How paging sinks word an incident; every length bounded as the receiving API requires. */
final class IncidentText {
    private IncidentText() {}

    /** {@code provider_down (sendgrid)}, or the gateway-wide condition alone. */
    static String subject(IncidentView incident) {
        return incident.provider()
                .map(p -> incident.condition() + " (" + p + ")")
                .orElse(incident.condition());
    }

    /** {@code Postern: provider_down (sendgrid) — <detail>}, at most {@code max} characters. */
    static String headline(Alert alert, IncidentView incident, int max) {
        return cut("Postern: " + subject(incident) + " — " + alert.detail(), max);
    }

    /** The counts as lines {@code name: value}, sorted by name. */
    static String countLines(IncidentView incident) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(incident.counts())
                .forEach((name, value) ->
                        out.append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }

    /** What a person reads under the headline: the story so far, counts, last answer. */
    static String story(Alert alert, IncidentView incident) {
        StringBuilder out = new StringBuilder(alert.detail()).append("\n\n");
        out.append("incident: ").append(incident.id()).append('\n');
        out.append("opened at: ").append(incident.openedAt()).append('\n');
        incident.resolvedAt()
                .ifPresent(at -> out.append("resolved at: ")
                        .append(at)
                        .append(" (after ")
                        .append(duration(Duration.between(incident.openedAt(), at)))
                        .append(")\n"));
        out.append("signals: ").append(String.join(", ", incident.signals())).append('\n');
        out.append(countLines(incident));
        incident.lastAnswer()
                .ifPresent(a -> out.append("last answer: ").append(a).append('\n'));
        return out.toString();
    }

    /** {@code 3m20s}: whole seconds. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return (s >= 3600 ? s / 3600 + "h" : "") + (s >= 60 ? s % 3600 / 60 + "m" : "") + s % 60 + "s";
    }

    /** {@code text} cut to {@code max} characters, an ellipsis marking the cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The incident's id as a de-duplication key of at most {@code max} characters: the id itself,
     * or, if longer, {@code sha256:} and its hex digest, the same for every notification of it.
     */
    static String key(String id, int max) {
        return id.length() <= max ? id : digest(id);
    }

    /**
     * As {@link #key}, for a key that travels in a URL path: an id with characters other than
     * letters, digits and {@code - . _ ~ :} is digested too, so no escaping (which servers read
     * differently, {@code %2F} above all) is ever needed.
     */
    static String pathKey(String id, int max) {
        return id.matches("[A-Za-z0-9._~:-]+") ? key(id, max) : digest(id);
    }

    private static String digest(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The counts as a map, for JSON. */
    static Map<String, Long> counts(IncidentView incident) {
        return new TreeMap<>(incident.counts());
    }
}

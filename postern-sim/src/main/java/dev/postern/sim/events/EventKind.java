package dev.postern.sim.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a simulator reports happened to one recipient of a message it accepted. Each provider's
 * {@link WebhookFormat} words it its own way (SendGrid {@code bounce}, SES {@code Permanent}, …).
 */
public enum EventKind {
    /** The recipient's server took the message. */
    DELIVERED("deliver"),
    /** A permanent failure: the address does not exist (a hard bounce). */
    BOUNCE("bounce"),
    /** A temporary failure (mailbox full, greylisted): a soft bounce or a delay. */
    SOFT_BOUNCE("soft_bounce"),
    /** The recipient reported the message as spam. */
    COMPLAINT("complain");

    private final String scriptName;

    EventKind(String scriptName) {
        this.scriptName = scriptName;
    }

    /** The name scripts and the control API use: {@code deliver}, {@code bounce}, {@code soft_bounce}, {@code complain}. */
    public String scriptName() {
        return scriptName;
    }

    /** The kind named {@code name} (its script name; {@code delivered} and {@code complaint} also do). */
    public static EventKind parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "delivered" -> DELIVERED;
            case "complaint", "complained" -> COMPLAINT;
            default ->
                Arrays.stream(values())
                        .filter(k -> k.scriptName.equals(wanted))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("event type must be one of "
                                + Arrays.stream(values())
                                        .map(EventKind::scriptName)
                                        .collect(Collectors.joining(", "))
                                + ", but was '" + name + "'"));
        };
    }
}

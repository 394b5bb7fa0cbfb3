package dev.postern.provider.webhook;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** Builds an event's {@code detail}: the provider's parts that say why, joined and bounded. */
public final class Details {
    /** The longest detail kept: an SMTP reply with its enhanced code fits many times over. */
    public static final int MAX_CHARS = 1000;

    private Details() {}

    /** The non-blank {@code parts}, stripped and joined with ": ", cut at {@link #MAX_CHARS}; "" when none. */
    public static String of(String... parts) {
        String text = Arrays.stream(parts)
                .filter(Objects::nonNull)
                .map(p -> p.strip().replaceAll("\\s+", " "))
                .filter(p -> !p.isEmpty())
                .distinct()
                .collect(Collectors.joining(": "));
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
    }
}

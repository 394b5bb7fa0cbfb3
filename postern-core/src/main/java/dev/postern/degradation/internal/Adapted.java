package dev.postern.degradation.internal;

import dev.postern.email.Email;
import java.util.List;

/**
 * A message adapted to one provider: the sends to make (one, or one per part when the recipients
 * were split) and what was dropped, by wire name, recorded on each of their attempts.
 */
public record Adapted(List<Email> parts, List<String> degraded) implements AdaptResult {

    /** The wire name in {@link #degraded} of a message whose recipients were split into parts. */
    public static final String RECIPIENTS_SPLIT = "recipients_split";

    public Adapted {
        parts = List.copyOf(parts);
        degraded = List.copyOf(degraded);
    }
}

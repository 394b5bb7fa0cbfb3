package dev.postern.provider.event;

import java.util.Locale;

/** Whether a bounce is for good (the address does not exist, the domain refuses) or for now. */
public enum BounceKind {
    /** Permanent: sending to the address again harms the sender's reputation; Postern suppresses it. */
    HARD,
    /** Temporary (mailbox full, greylisting): the address stays usable. */
    SOFT;

    /** {@code hard} or {@code soft}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
